package e2e

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"
)

// Process is a long-running child (the simulator, a provider in -debug mode) that the caller
// must Stop or Kill.
type Process struct {
	Cmd  *exec.Cmd
	done chan struct{}
}

// Start runs bin and waits until a line of its stdout satisfies isReady, and returns that line.
// The rest of stdout is drained so that the child never blocks writing; stderr goes to stderr
// (nil: discarded).
func Start(ctx context.Context, bin string, args []string, stderr io.Writer, isReady func(string) bool, timeout time.Duration) (*Process, string, error) {
	cmd := exec.Command(bin, args...)
	if stderr == nil {
		stderr = io.Discard
	}
	cmd.Stderr = stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, "", err
	}
	if err := cmd.Start(); err != nil {
		return nil, "", fmt.Errorf("starting %s: %w", filepath.Base(bin), err)
	}
	p := &Process{Cmd: cmd, done: make(chan struct{})}
	lines := make(chan string, 1)
	go func() {
		defer close(p.done)
		sc := bufio.NewScanner(stdout)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		sent := false
		for sc.Scan() {
			if !sent && isReady(sc.Text()) {
				lines <- sc.Text()
				sent = true
			}
		}
		_ = cmd.Wait()
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case line := <-lines:
		return p, line, nil
	case <-p.done:
		return nil, "", fmt.Errorf("%s exited before it was ready: %v", filepath.Base(bin), cmd.ProcessState)
	case <-timer.C:
		p.Stop()
		return nil, "", fmt.Errorf("%s was not ready after %s", filepath.Base(bin), timeout)
	case <-ctx.Done():
		p.Stop()
		return nil, "", ctx.Err()
	}
}

// Pid is the child's process ID.
func (p *Process) Pid() int { return p.Cmd.Process.Pid }

// Exited reports whether the child has exited and been reaped.
func (p *Process) Exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// Stop interrupts the child and kills it when it has not exited after five seconds.
func (p *Process) Stop() {
	_ = p.Cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-p.done:
	case <-time.After(5 * time.Second):
		p.Kill()
	}
}

// Kill sends SIGKILL, as a crash or `kill -9` would, and waits until the child is gone.
func (p *Process) Kill() {
	_ = p.Cmd.Process.Kill()
	<-p.done
}
