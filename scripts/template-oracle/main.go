// Command template-oracle renders Tocsin's template test corpus with Go's text/template and
// html/template, configured as Alertmanager 0.25 configures them (missingkey=zero, Alertmanager's
// function map), and writes the expected outputs and errors as a JSON fixture.
//
// Usage: template-oracle CORPUS.txt DATASETS.json [DEFAULTS_DIR] > cases.json
//
//	template-oracle -bench DEFAULTS_DIR [ITERATIONS]   (bench.go; run through bench.sh)
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
	htmltemplate "html/template"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	texttemplate "text/template"
	"time"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"

	amtemplate "tocsin/template-oracle/template"
)

var funcs = map[string]interface{}{
	"toUpper": strings.ToUpper,
	"toLower": strings.ToLower,
	"title":   cases.Title(language.AmericanEnglish).String,
	"join": func(sep string, s []string) string {
		return strings.Join(s, sep)
	},
	"match": regexp.MatchString,
	"safeHtml": func(text string) htmltemplate.HTML {
		return htmltemplate.HTML(text)
	},
	"reReplaceAll": func(pattern, repl, text string) string {
		re := regexp.MustCompile(pattern)
		return re.ReplaceAllString(text, repl)
	},
	"stringSlice": func(s ...string) []string {
		return s
	},
}

type Case struct {
	Name     string `json:"name"`
	Mode     string `json:"mode"`
	Data     string `json:"data"`
	Template string `json:"template"`
	Output   string `json:"output"`
	Error    string `json:"error,omitempty"`
	Defaults bool   `json:"defaults,omitempty"`
	// OutputFNV replaces Output for cases rendered with Alertmanager's own default templates, so that
	// their text (which the output mostly is) stays out of this repository: FNV-1a 64 of the output, hex.
	OutputFNV string `json:"outputFNV,omitempty"`
}

func parseCorpus(path string) []Case {
	f, err := os.Open(path)
	if err != nil {
		panic(err)
	}
	defer f.Close()
	var out []Case
	var cur *Case
	var body []string
	inBody := false
	flush := func() {
		if cur != nil {
			cur.Template = strings.Join(body, "\n")
			out = append(out, *cur)
		}
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "=== ") {
			flush()
			cur = &Case{Name: strings.TrimPrefix(line, "=== "), Mode: "text", Data: "am"}
			body = nil
			inBody = false
			continue
		}
		if cur == nil {
			continue
		}
		if !inBody {
			switch {
			case line == "---":
				inBody = true
			case strings.HasPrefix(line, "mode: "):
				cur.Mode = strings.TrimPrefix(line, "mode: ")
			case strings.HasPrefix(line, "data: "):
				cur.Data = strings.TrimPrefix(line, "data: ")
			case line == "defaults: true":
				cur.Defaults = true
			}
			continue
		}
		body = append(body, line)
	}
	flush()
	return out
}

// convert turns decoded JSON into the Go values the corpus means: {"$int": n}, {"$time": rfc3339},
// {"$duration": ns}, {"$strings": [...]}, {"$html": s}, {"$kv": {...}}.
func convert(v interface{}) interface{} {
	switch x := v.(type) {
	case map[string]interface{}:
		if len(x) == 1 {
			for k, inner := range x {
				switch k {
				case "$int":
					return int(inner.(float64))
				case "$time":
					t, err := time.Parse(time.RFC3339Nano, inner.(string))
					if err != nil {
						panic(err)
					}
					return t
				case "$duration":
					return time.Duration(int64(inner.(float64)))
				case "$strings":
					var out []string
					for _, s := range inner.([]interface{}) {
						out = append(out, s.(string))
					}
					return out
				case "$html":
					return htmltemplate.HTML(inner.(string))
				case "$kv":
					kv := amtemplate.KV{}
					for a, b := range inner.(map[string]interface{}) {
						kv[a] = b.(string)
					}
					return kv
				}
			}
		}
		out := map[string]interface{}{}
		for k, inner := range x {
			out[k] = convert(inner)
		}
		return out
	case []interface{}:
		out := make([]interface{}, len(x))
		for i, inner := range x {
			out[i] = convert(inner)
		}
		return out
	}
	return v
}

type amAlert struct {
	Status       string            `json:"status"`
	Labels       map[string]string `json:"labels"`
	Annotations  map[string]string `json:"annotations"`
	StartsAt     string            `json:"startsAt"`
	EndsAt       string            `json:"endsAt"`
	GeneratorURL string            `json:"generatorURL"`
	Fingerprint  string            `json:"fingerprint"`
}

type dataset struct {
	Kind        string            `json:"kind"`
	Value       interface{}       `json:"value"`
	Receiver    string            `json:"receiver"`
	GroupLabels map[string]string `json:"groupLabels"`
	ExternalURL string            `json:"externalURL"`
	Alerts      []amAlert         `json:"alerts"`
}

func parseTime(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

func buildData(ds dataset) interface{} {
	if ds.Kind == "json" {
		return convert(ds.Value)
	}
	var alerts amtemplate.Alerts
	for _, a := range ds.Alerts {
		alerts = append(alerts, amtemplate.Alert{
			Status:       a.Status,
			Labels:       amtemplate.KV(a.Labels),
			Annotations:  amtemplate.KV(a.Annotations),
			StartsAt:     parseTime(a.StartsAt),
			EndsAt:       parseTime(a.EndsAt),
			GeneratorURL: a.GeneratorURL,
			Fingerprint:  a.Fingerprint,
		})
	}
	if ds.GroupLabels == nil {
		ds.GroupLabels = map[string]string{}
	}
	return amtemplate.NewData(ds.Receiver, amtemplate.KV(ds.GroupLabels), alerts, ds.ExternalURL)
}

func render(c Case, data interface{}, defaults []string) (out string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	var buf bytes.Buffer
	if c.Mode == "html" {
		t := htmltemplate.New("").Option("missingkey=zero").Funcs(htmltemplate.FuncMap(funcs))
		for _, d := range defaults {
			if t, err = t.Parse(d); err != nil {
				return "", err
			}
		}
		t, err = t.New("").Option("missingkey=zero").Parse(c.Template)
		if err != nil {
			return "", err
		}
		err = t.Execute(&buf, data)
		return buf.String(), err
	}
	t := texttemplate.New("").Option("missingkey=zero").Funcs(texttemplate.FuncMap(funcs))
	for _, d := range defaults {
		if t, err = t.Parse(d); err != nil {
			return "", err
		}
	}
	t, err = t.New("").Option("missingkey=zero").Parse(c.Template)
	if err != nil {
		return "", err
	}
	err = t.Execute(&buf, data)
	return buf.String(), err
}

func main() {
	if len(os.Args) > 2 && os.Args[1] == "-bench" {
		iterations := 1000
		if len(os.Args) > 3 {
			fmt.Sscan(os.Args[3], &iterations)
		}
		bench(os.Args[2], iterations)
		return
	}
	cases := parseCorpus(os.Args[1])
	raw, err := os.ReadFile(os.Args[2])
	if err != nil {
		panic(err)
	}
	var datasets map[string]dataset
	if err := json.Unmarshal(raw, &datasets); err != nil {
		panic(err)
	}
	var defaults []string
	if len(os.Args) > 3 {
		for _, name := range []string{"default.tmpl", "email.tmpl"} {
			b, err := os.ReadFile(filepath.Join(os.Args[3], name))
			if err != nil {
				panic(err)
			}
			defaults = append(defaults, string(b))
		}
	}
	for i := range cases {
		c := &cases[i]
		var data interface{}
		if ds, ok := datasets[c.Data]; ok {
			data = buildData(ds)
		} else {
			var v interface{}
			if err := json.Unmarshal([]byte(c.Data), &v); err != nil {
				panic(fmt.Sprintf("case %s: bad data: %v", c.Name, err))
			}
			data = convert(v)
		}
		var d []string
		if c.Defaults {
			d = defaults
		}
		out, err := render(*c, data, d)
		c.Output = out
		if c.Defaults {
			h := fnv.New64a()
			h.Write([]byte(out))
			c.OutputFNV = fmt.Sprintf("%016x", h.Sum64())
			c.Output = ""
		}
		if err != nil {
			c.Error = err.Error()
		}
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(cases); err != nil {
		panic(err)
	}
}
