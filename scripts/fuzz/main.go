package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

type target struct {
	pkg  string // "./internal/samlmeta"
	name string // "FuzzParse"
}

type outcome struct {
	target
	wall        time.Duration
	elapsed     string // the fuzzer's own "elapsed" of its last status line
	execs       string
	interesting string
	total       string
	crashers    []string // failing inputs written by this run
	regressions int      // committed inputs in testdata/fuzz/<name> before the run
	err         error
}

func main() {
	fuzztime := flag.String("fuzztime", envOr("FUZZTIME", "5m"), "how long to fuzz each target (go test -fuzztime: a duration or Nx)")
	minimize := flag.String("minimizetime", envOr("FUZZMINIMIZETIME", "5s"), "go test -fuzzminimizetime for each new input")
	run := flag.String("run", ".", "fuzz only the targets whose name matches this regular expression")
	list := flag.Bool("list", false, "list the targets and exit")
	flag.Parse()
	filter, err := regexp.Compile(*run)
	if err != nil {
		fail("-run: %v", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	targets, err := discover(".")
	if err != nil {
		fail("finding fuzz targets: %v", err)
	}
	targets = slices.DeleteFunc(targets, func(t target) bool { return !filter.MatchString(t.name) })
	if len(targets) == 0 {
		fail("no fuzz target matches %q", *run)
	}
	if *list {
		for _, t := range targets {
			fmt.Println(t.pkg, t.name)
		}
		return
	}
	fmt.Fprintf(os.Stderr, "fuzz: %d targets, %s each, one after another\n", len(targets), *fuzztime)

	started := time.Now()
	var results []outcome
	for _, t := range targets {
		results = append(results, fuzzOne(ctx, t, *fuzztime, *minimize))
		if ctx.Err() != nil {
			break
		}
	}
	report(os.Stdout, results, started, *fuzztime, *minimize)
	for _, r := range results {
		if r.err != nil {
			os.Exit(1)
		}
	}
	if ctx.Err() != nil {
		os.Exit(1)
	}
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "fuzz: "+format+"\n", args...)
	os.Exit(2)
}

// discover finds every fuzz target under root, in package then name order.
func discover(root string) ([]target, error) {
	var targets []target
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "vendor") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		file, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		for _, decl := range file.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv != nil || !strings.HasPrefix(fn.Name.Name, "Fuzz") || !takesTestingF(fn) {
				continue
			}
			targets = append(targets, target{pkg: "./" + filepath.ToSlash(filepath.Dir(path)), name: fn.Name.Name})
		}
		return nil
	})
	slices.SortFunc(targets, func(a, b target) int {
		return strings.Compare(a.pkg+" "+a.name, b.pkg+" "+b.name)
	})
	return targets, err
}

// takesTestingF: the one parameter is *testing.F, which is what makes go test call it a fuzz
// target (a FuzzXxx helper with other parameters is not one).
func takesTestingF(fn *ast.FuncDecl) bool {
	params := fn.Type.Params.List
	if len(params) != 1 || len(params[0].Names) > 1 {
		return false
	}
	star, ok := params[0].Type.(*ast.StarExpr)
	if !ok {
		return false
	}
	sel, ok := star.X.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	return ok && pkg.Name == "testing" && sel.Sel.Name == "F"
}

// statusLine is the fuzzer's progress line, e.g.
// "fuzz: elapsed: 5m0s, execs: 1234567 (4115/sec), new interesting: 12 (total: 345)".
var statusLine = regexp.MustCompile(`^fuzz: elapsed: (\S+), execs: (\d+) \((\d+)/sec\), new interesting: (\d+) \(total: (\d+)\)`)

var crasherLine = regexp.MustCompile(`Failing input written to (\S+)`)

func fuzzOne(ctx context.Context, t target, fuzztime, minimize string) outcome {
	o := outcome{target: t, regressions: countFiles(filepath.Join(t.pkg, "testdata", "fuzz", t.name))}
	fmt.Fprintf(os.Stderr, "\n=== %s %s\n", t.pkg, t.name)
	cmd := exec.CommandContext(ctx, "go", "test", "-run", "^$", "-fuzz", "^"+t.name+"$",
		"-fuzztime", fuzztime, "-fuzzminimizetime", minimize, "-parallel", "1", t.pkg)
	// go test does not pass an interrupt on to the test binary, which coordinates the workers;
	// a terminal's Ctrl-C reaches them all as one process group, so this does the same, and the
	// fuzzer stops cleanly and prints its summary.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGINT) }
	cmd.WaitDelay = 30 * time.Second
	out, err := cmd.StdoutPipe()
	if err != nil {
		o.err = err
		return o
	}
	cmd.Stderr = cmd.Stdout
	start := time.Now()
	if err := cmd.Start(); err != nil {
		o.err = err
		return o
	}
	scan := bufio.NewScanner(out)
	scan.Buffer(make([]byte, 64<<10), 4<<20)
	for scan.Scan() {
		line := scan.Text()
		fmt.Fprintln(os.Stderr, line)
		if m := statusLine.FindStringSubmatch(line); m != nil {
			o.elapsed, o.execs, o.interesting, o.total = m[1], m[2], m[4], m[5]
		}
		if m := crasherLine.FindStringSubmatch(line); m != nil {
			o.crashers = append(o.crashers, filepath.Join(t.pkg, m[1]))
		}
	}
	_, _ = io.Copy(io.Discard, out)
	o.err = cmd.Wait()
	if ctx.Err() != nil {
		o.err = errors.New("interrupted")
	}
	o.wall = time.Since(start).Round(time.Second)
	return o
}

func countFiles(dir string) int {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range entries {
		if !e.IsDir() {
			n++
		}
	}
	return n
}

func report(w io.Writer, results []outcome, started time.Time, fuzztime, minimize string) {
	fmt.Fprintf(w, "\n## Fuzzing run, %s\n\n", started.UTC().Format("2006-01-02 15:04 MST"))
	fmt.Fprintf(w, "Machine: %s; %s; Go %s %s/%s.\n", cpuText(), memText(), strings.TrimPrefix(runtime.Version(), "go"), runtime.GOOS, runtime.GOARCH)
	fmt.Fprintf(w, "Settings: `-fuzztime %s -fuzzminimizetime %s -parallel 1`, targets one after another.\n\n", fuzztime, minimize)
	fmt.Fprintln(w, "| Package | Target | Fuzzing time | Execs | Execs/s | New interesting | Corpus (seeds + cache) | Regression inputs | Result |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|")
	for _, r := range results {
		result := "pass"
		switch {
		case len(r.crashers) > 0:
			result = "FAIL: " + strings.Join(r.crashers, ", ")
		case r.err != nil:
			result = "FAIL: " + r.err.Error()
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s | %d | %s |\n",
			strings.TrimPrefix(r.pkg, "./"), r.name, or(r.elapsed, r.wall.String()), or(r.execs, "-"), rate(r),
			or(r.interesting, "-"), or(r.total, "-"), r.regressions, result)
	}
}

// rate is the average over the run; the status lines only give the last 3 s.
func rate(r outcome) string {
	d, err := time.ParseDuration(r.elapsed)
	n, nerr := strconv.ParseInt(r.execs, 10, 64)
	if err != nil || nerr != nil || d <= 0 {
		return "-"
	}
	return strconv.FormatInt(int64(float64(n)/d.Seconds()), 10)
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// cpuText is "N CPUs, <model>" from /proc/cpuinfo where it exists.
func cpuText() string {
	text := fmt.Sprintf("%d CPUs", runtime.NumCPU())
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return text
	}
	for line := range strings.Lines(string(data)) {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return text + ", " + strings.TrimSpace(v)
		}
	}
	return text
}

func memText() string {
	data, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return "memory unknown"
	}
	for line := range strings.Lines(string(data)) {
		if rest, ok := strings.CutPrefix(line, "MemTotal:"); ok {
			var kb int64
			if _, err := fmt.Sscanf(strings.TrimSpace(rest), "%d kB", &kb); err == nil {
				return fmt.Sprintf("%.1f GiB memory", float64(kb)/(1<<20))
			}
		}
	}
	return "memory unknown"
}
