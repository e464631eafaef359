using System.Diagnostics;
using System.Globalization;

namespace ImapClient.Tests.Infrastructure;

/// <summary>What a program printed, and how it ended.</summary>
internal sealed record ProgramResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit code {ExitCode}\n--- standard output\n{Output}\n--- standard error\n{Error}";
}

/// <summary>Runs programs as a user does from a shell: the samples, and the dotnet CLI.</summary>
internal static class Programs
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The non-empty lines of a program's output, without their CR.</summary>
    public static string[] Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    /// <summary>
    /// Runs a program to its end, with nothing on standard input. Its output goes through files, not pipes: the
    /// dotnet CLI leaves build servers running (MSBuild nodes, the compiler server), and a pipe they inherit would
    /// stay open long after the build.
    /// </summary>
    public static async Task<ProgramResult> RunAsync(
        string program, IEnumerable<string> arguments, string? workingDirectory = null, TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var output = Path.GetTempFileName();
        var error = Path.GetTempFileName();
        try
        {
            var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = workingDirectory ?? "" };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("out=$1 err=$2; shift 2; exec \"$@\" </dev/null >\"$out\" 2>\"$err\"");
            start.ArgumentList.Add("sh");
            start.ArgumentList.Add(output);
            start.ArgumentList.Add(error);
            start.ArgumentList.Add(program);
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            PrepareEnvironment(start);
            foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            {
                start.Environment[name] = value;
            }

            using var process = Process.Start(start)!;
            using var timer = new CancellationTokenSource(timeout ?? DefaultTimeout);
            try
            {
                await process.WaitForExitAsync(timer.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException(
                    $"{program} {string.Join(' ', start.ArgumentList.Skip(6))} did not finish in time.\n"
                    + new ProgramResult(-1, await File.ReadAllTextAsync(output), await File.ReadAllTextAsync(error)));
            }

            return new ProgramResult(process.ExitCode, await File.ReadAllTextAsync(output), await File.ReadAllTextAsync(error));
        }
        finally
        {
            File.Delete(output);
            File.Delete(error);
        }
    }

    /// <summary>Runs <c>dotnet</c> with these arguments and fails the test, showing the output, unless it succeeds.</summary>
    public static async Task<ProgramResult> DotnetAsync(string workingDirectory, params string[] arguments)
    {
        var result = await RunAsync("dotnet", arguments, workingDirectory);
        Assert.That(result.ExitCode, Is.Zero, () => $"dotnet {string.Join(' ', arguments)} failed in {workingDirectory}\n{result}");
        return result;
    }

    /// <summary>
    /// The environment of a program started by a test: without what <c>dotnet test</c> sets for its own MSBuild (a
    /// child <c>dotnet build</c> must find its SDK as a user's would), and without the CLI's first-run chatter.
    /// </summary>
    public static void PrepareEnvironment(ProcessStartInfo start)
    {
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
    }
}

/// <summary>A program that keeps running while the test talks to it: its output lines as they come, and Ctrl+C.</summary>
internal sealed class RunningProgram : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly List<string> _error = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _outputClosed;

    private RunningProgram(Process process)
    {
        _process = process;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _error);
            }
        }
    }

    /// <summary>
    /// Starts the program with SIGINT at its default disposition (<c>env --default-signal=INT</c>): a process started
    /// from a non-interactive shell's background job inherits SIGINT ignored, and .NET then never raises
    /// <see cref="Console.CancelKeyPress"/>, so the test could not press Ctrl+C.
    /// </summary>
    public static RunningProgram Start(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("env")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Programs.PrepareEnvironment(start);
        var process = new Process { StartInfo = start };
        var running = new RunningProgram(process);
        process.OutputDataReceived += (_, e) => running.Received(e.Data, running._output);
        process.ErrorDataReceived += (_, e) => running.Received(e.Data, running._error);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    /// <summary>Waits for an output line that matches, and returns it; fails with the output so far if none comes.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, string what)
    {
        using var timer = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_output)
            {
                if (_output.FirstOrDefault(match) is { } line)
                {
                    return line;
                }

                if (_outputClosed)
                {
                    Assert.Fail($"The program ended without printing {what}.\n{Describe()}");
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(timer.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"The program did not print {what} within {timeout.TotalSeconds} s.\n{Describe()}");
            }
        }
    }

    /// <summary>Presses Ctrl+C: sends SIGINT.</summary>
    public async Task InterruptAsync()
    {
        var result = await Programs.RunAsync("kill", ["-INT", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        Assert.That(result.ExitCode, Is.Zero, result.ToString);
    }

    /// <summary>Waits for the program to end (all its output read) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var timer = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(timer.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The program did not end within {timeout.TotalSeconds} s.\n{Describe()}");
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private string Describe() => $"--- standard output\n{Output}\n--- standard error\n{Error}";

    private void Received(string? line, List<string> lines)
    {
        TaskCompletionSource changed;
        lock (_output)
        {
            if (line is not null)
            {
                lines.Add(line);
            }
            else if (ReferenceEquals(lines, _output))
            {
                _outputClosed = true;
            }

            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}
