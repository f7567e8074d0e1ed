package main

// The -bench mode: Alertmanager 0.25's default Slack texts and default HTML email over a group of 100
// alerts, rendered as Alertmanager renders notifications (template.go: the default files parsed once
// into a text and an html set; ExecuteTextString/ExecuteHTMLString clone the set, parse the config
// string and execute it), timed per render. Sources/template-bench's `defaults` mode renders the same.

import (
	"bytes"
	"fmt"
	"hash/fnv"
	htmltemplate "html/template"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"syscall"
	texttemplate "text/template"
	"time"

	amtemplate "tocsin/template-oracle/template"
)

// benchData is template-bench's BenchFixture: 100 alerts, every tenth resolved.
func benchData() *amtemplate.Data {
	start, err := time.Parse(time.RFC3339Nano, "2023-03-04T05:06:07.123456789Z")
	if err != nil {
		panic(err)
	}
	var alerts amtemplate.Alerts
	for i := 0; i < 100; i++ {
		severity, status := "warning", "firing"
		if i%3 == 0 {
			severity = "critical"
		}
		if i%10 == 0 {
			status = "resolved"
		}
		alerts = append(alerts, amtemplate.Alert{
			Status: status,
			Labels: amtemplate.KV{"alertname": "HighLatency", "job": "api", "severity": severity, "team": "infra",
				"instance": fmt.Sprintf("10.0.%d.%d:9090", i/256, i%256)},
			Annotations: amtemplate.KV{"summary": "Latency is high",
				"description": fmt.Sprintf("p99 latency above 1s on instance %d", i)},
			StartsAt:     start.Add(time.Duration(i) * time.Second),
			GeneratorURL: "http://prometheus:9090/graph?g0.expr=up",
			Fingerprint:  strconv.FormatInt(int64(i), 16),
		})
	}
	return amtemplate.NewData("slack-infra", amtemplate.KV{"alertname": "HighLatency", "job": "api"}, alerts,
		"http://am.example.com:9093")
}

func cpuMicros() float64 {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		panic(err)
	}
	return float64(u.Utime.Nano()+u.Stime.Nano()) / 1e3
}

func timed(n int, f func() string) (wall, cpu float64) {
	c0, t0 := cpuMicros(), time.Now()
	for i := 0; i < n; i++ {
		f()
	}
	return float64(time.Since(t0).Microseconds()) / float64(n), (cpuMicros() - c0) / float64(n)
}

func fnvHex(s string) string {
	h := fnv.New64a()
	h.Write([]byte(s))
	return fmt.Sprintf("%016x", h.Sum64())
}

// bench is `template-oracle -bench DIR [ITERATIONS]`, DIR holding Alertmanager 0.25's default.tmpl and email.tmpl.
func bench(dir string, iterations int) {
	text := texttemplate.New("").Option("missingkey=zero").Funcs(texttemplate.FuncMap(funcs))
	html := htmltemplate.New("").Option("missingkey=zero").Funcs(htmltemplate.FuncMap(funcs))
	for _, name := range []string{"default.tmpl", "email.tmpl"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			panic(err)
		}
		if text, err = text.Parse(string(b)); err != nil {
			panic(err)
		}
		if html, err = html.Parse(string(b)); err != nil {
			panic(err)
		}
	}
	data := benchData()
	executeText := func(s string) string {
		t := texttemplate.Must(texttemplate.Must(text.Clone()).New("").Option("missingkey=zero").Parse(s))
		var buf bytes.Buffer
		if err := t.Execute(&buf, data); err != nil {
			panic(err)
		}
		return buf.String()
	}
	executeHTML := func(s string) string {
		t := htmltemplate.Must(htmltemplate.Must(html.Clone()).New("").Option("missingkey=zero").Parse(s))
		var buf bytes.Buffer
		if err := t.Execute(&buf, data); err != nil {
			panic(err)
		}
		return buf.String()
	}
	var slackTexts []string
	for _, n := range []string{"title", "username", "fallback", "callbackid", "pretext", "titlelink", "iconemoji", "iconurl", "text", "footer"} {
		slackTexts = append(slackTexts, `{{ template "slack.default.`+n+`" . }}`)
	}
	slack := func() string {
		var out bytes.Buffer
		for i, s := range slackTexts {
			if i > 0 {
				out.WriteByte('\n')
			}
			out.WriteString(executeText(s))
		}
		return out.String()
	}
	email := func() string { return executeHTML(`{{ template "email.default.html" . }}`) }
	slackOut, emailOut := slack(), email()
	for i := 0; i < 20; i++ {
		slack()
		email()
	}
	sw, sc := timed(iterations, slack)
	ew, ec := timed(iterations, email)
	fmt.Printf("template-oracle -bench (%s): %d renders over 100 alerts\n", runtime.Version(), iterations)
	fmt.Printf("  slack.default.* (10 texts): %.1f µs wall, %.1f µs CPU per render, %d bytes, fnv %s\n", sw, sc, len(slackOut), fnvHex(slackOut))
	fmt.Printf("  email.default.html:         %.1f µs wall, %.1f µs CPU per render, %d bytes, fnv %s\n", ew, ec, len(emailOut), fnvHex(emailOut))
}
