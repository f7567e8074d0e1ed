// Package template mirrors the types Alertmanager 0.25 passes to notification templates
// (template.Data and friends), written for Tocsin's template oracle so that Go reports the same type
// names (template.KV, *template.Data) and JSON field names (html/template marshals values in
// JavaScript) as Alertmanager does. Like 0.25's, KV and Pairs have no String
// method (0.26 added them), so they print as a Go map and a slice of structs.
package template

import (
	"regexp"
	"sort"
	"time"
)

type Pair struct {
	Name, Value string
}

type Pairs []Pair

func (ps Pairs) Names() []string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		out = append(out, p.Name)
	}
	return out
}

func (ps Pairs) Values() []string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		out = append(out, p.Value)
	}
	return out
}

type KV map[string]string

func (kv KV) SortedPairs() Pairs {
	names := make([]string, 0, len(kv))
	hasAlertname := false
	for k := range kv {
		if k == "alertname" {
			hasAlertname = true
			continue
		}
		names = append(names, k)
	}
	sort.Strings(names)
	if hasAlertname {
		names = append([]string{"alertname"}, names...)
	}
	out := make(Pairs, 0, len(names))
	for _, n := range names {
		out = append(out, Pair{n, kv[n]})
	}
	return out
}

func (kv KV) Remove(keys []string) KV {
	drop := map[string]bool{}
	for _, k := range keys {
		drop[k] = true
	}
	out := KV{}
	for k, v := range kv {
		if !drop[k] {
			out[k] = v
		}
	}
	return out
}

func (kv KV) Names() []string  { return kv.SortedPairs().Names() }
func (kv KV) Values() []string { return kv.SortedPairs().Values() }

type Alert struct {
	Status       string    `json:"status"`
	Labels       KV        `json:"labels"`
	Annotations  KV        `json:"annotations"`
	StartsAt     time.Time `json:"startsAt"`
	EndsAt       time.Time `json:"endsAt"`
	GeneratorURL string    `json:"generatorURL"`
	Fingerprint  string    `json:"fingerprint"`
}

type Alerts []Alert

func (as Alerts) Firing() []Alert {
	out := []Alert{}
	for _, a := range as {
		if a.Status == "firing" {
			out = append(out, a)
		}
	}
	return out
}

func (as Alerts) Resolved() []Alert {
	out := []Alert{}
	for _, a := range as {
		if a.Status == "resolved" {
			out = append(out, a)
		}
	}
	return out
}

type Data struct {
	Receiver          string `json:"receiver"`
	Status            string `json:"status"`
	Alerts            Alerts `json:"alerts"`
	GroupLabels       KV     `json:"groupLabels"`
	CommonLabels      KV     `json:"commonLabels"`
	CommonAnnotations KV     `json:"commonAnnotations"`
	ExternalURL       string `json:"externalURL"`
}

// NewData computes the derived fields the way Alertmanager's Template.Data does.
func NewData(receiver string, groupLabels KV, alerts Alerts, externalURL string) *Data {
	d := &Data{
		Receiver:          regexp.QuoteMeta(receiver),
		Status:            "resolved",
		Alerts:            alerts,
		GroupLabels:       groupLabels,
		CommonLabels:      KV{},
		CommonAnnotations: KV{},
		ExternalURL:       externalURL,
	}
	for _, a := range alerts {
		if a.Status == "firing" {
			d.Status = "firing"
		}
	}
	if len(alerts) > 0 {
		for k, v := range alerts[0].Labels {
			d.CommonLabels[k] = v
		}
		for k, v := range alerts[0].Annotations {
			d.CommonAnnotations[k] = v
		}
		for _, a := range alerts[1:] {
			for k, v := range d.CommonLabels {
				if a.Labels[k] != v {
					delete(d.CommonLabels, k)
				}
			}
			for k, v := range d.CommonAnnotations {
				if a.Annotations[k] != v {
					delete(d.CommonAnnotations, k)
				}
			}
		}
	}
	return d
}
