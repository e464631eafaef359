using System.Diagnostics;
using System.Text;

namespace ImapClient.TestServer;

/// <summary>The running <c>dovecot -F</c> master: its start, its console output, and a stop that leaves no process.</summary>
internal sealed class DovecotProcess : IDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private DovecotProcess(Process process) => _process = process;

    public bool IsRunning => !_process.HasExited;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public static DovecotProcess Launch(string binary, string configPath, string timeZone)
    {
        // Dovecot and its children keep the stdio they inherit; left attached, it would hang any caller that reads this
        // process's output to the end (a test runner, a shell pipe).
        var startInfo = new ProcessStartInfo(binary)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["TZ"] = timeZone },
        };
        foreach (var argument in new[] { "-F", "-c", configPath })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        var dovecot = new DovecotProcess(process);
        process.OutputDataReceived += (_, e) => dovecot.Capture(e.Data);
        process.ErrorDataReceived += (_, e) => dovecot.Capture(e.Data);
        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            throw;
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return dovecot;
    }

    public IEnumerable<string> OutputTail(int lines)
    {
        lock (_output)
        {
            return _output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(lines).ToList();
        }
    }

    /// <summary>After an early exit, waits briefly for the last output lines, which explain the exit.</summary>
    public async Task WaitForOutputAsync()
    {
        try
        {
            // Completes once the output pipes reach end of file, unless a surviving child still holds them.
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The tail then shows what arrived so far.
        }
    }

    /// <summary>SIGTERM to the master, which stops its children; stragglers get SIGKILL after a while.</summary>
    public async Task StopAsync()
    {
        // Identify the master by the Process object, not base_dir/master.pid: a pid file left behind can name a reused pid.
        if (_process.HasExited || ProcessTree.Identify(_process.Id) is not { } master)
        {
            return;
        }

        // Children are listed first: once the master is gone they are re-parented and can no longer be found.
        var everyone = ProcessTree.Descendants(master.Pid).Prepend(master).ToList();
        _ = NativeMethods.Kill(master.Pid, NativeMethods.SigTerm);
        if (!await WaitForExitAsync(everyone, StopTimeout).ConfigureAwait(false))
        {
            foreach (var straggler in everyone.Where(ProcessTree.IsRunning))
            {
                _ = NativeMethods.Kill(straggler.Pid, NativeMethods.SigKill);
            }

            await WaitForExitAsync(everyone, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }

        // Reaps the master's zombie and lets the output readers finish.
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
    }

    public void Dispose() => _process.Dispose();

    private void Capture(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static async Task<bool> WaitForExitAsync(IReadOnlyList<ProcessIdentity> processes, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        while (processes.Any(ProcessTree.IsRunning))
        {
            if (stopwatch.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(20).ConfigureAwait(false);
        }

        return true;
    }
}
