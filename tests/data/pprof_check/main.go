// pprof_check: reads a pprof file with github.com/google/pprof/profile, the parser Grafana
// Pyroscope and Parca import profiles with (profile.Parse, then CheckValid), and prints what
// it read, one fact a line, for tests/trust.rs to compare with what we wrote.
//
// Built in GOPATH mode against Debian's golang-github-google-pprof-dev
// (GO111MODULE=off GOPATH=/usr/share/gocode): no module download.
package main

import (
	"fmt"
	"os"

	"github.com/google/pprof/profile"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: pprof_check FILE")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	p, err := profile.Parse(f)
	if err != nil {
		fmt.Fprintln(os.Stderr, "parse:", err)
		os.Exit(1)
	}
	if err := p.CheckValid(); err != nil {
		fmt.Fprintln(os.Stderr, "invalid:", err)
		os.Exit(1)
	}
	for _, st := range p.SampleType {
		fmt.Printf("sample_type %s/%s\n", st.Type, st.Unit)
	}
	if p.PeriodType != nil {
		fmt.Printf("period %s/%s %d\n", p.PeriodType.Type, p.PeriodType.Unit, p.Period)
	}
	fmt.Printf("samples %d\n", len(p.Sample))
	totals := make([]int64, len(p.SampleType))
	for _, s := range p.Sample {
		for i, v := range s.Value {
			totals[i] += v
		}
	}
	for i, t := range totals {
		fmt.Printf("total %d %d\n", i, t)
	}
	for _, m := range p.Mapping {
		fmt.Printf("mapping %#x %#x %#x %s %s\n", m.Start, m.Limit, m.Offset, m.File, m.BuildID)
	}
	for _, fn := range p.Function {
		fmt.Printf("function %s %s %d\n", fn.Name, fn.Filename, fn.StartLine)
	}
}
