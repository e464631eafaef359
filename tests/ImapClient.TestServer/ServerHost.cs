using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ImapClient.TestServer;

/// <summary>The exe: a server for a demo or a manual session, stopped cleanly however the session ends.</summary>
internal static class ServerHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        CommandLine commandLine;
        try
        {
            commandLine = CommandLine.Parse(args);
        }
        catch (FormatException e)
        {
            await Console.Error.WriteLineAsync($"{e.Message}\n{CommandLine.Usage}").ConfigureAwait(false);
            return 2;
        }

        using var stop = new CancellationTokenSource();
        // Ctrl+C and SIGTERM must stop Dovecot rather than kill this process and orphan it.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        try
        {
            return await ServeAsync(commandLine, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 130;
        }
        catch (InvalidOperationException e)
        {
            // Start failures (Dovecot missing, no greeting) already explain themselves; a stack trace adds nothing.
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 1;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            await Console.Error.WriteLineAsync($"Could not run the command: {e.Message}").ConfigureAwait(false);
            return 127;
        }

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }

    private static async Task<int> ServeAsync(CommandLine commandLine, CancellationToken stop)
    {
        var options = commandLine.Seed is null
            ? new DovecotServerOptions()
            : new DovecotServerOptions { TimeZone = Rfc3501Seed.TimeZone };
        await using var server = await DovecotServer.StartAsync(options, stop).ConfigureAwait(false);
        if (commandLine.Seed is not null)
        {
            await Rfc3501Seed.SeedIntoAsync(server, stop).ConfigureAwait(false);
        }

        await Console.Error.WriteLineAsync(
            $"imap {server.Host}:{server.Port} imaps {server.Host}:{server.TlsPort}").ConfigureAwait(false);

        if (commandLine.Command.Count > 0)
        {
            return await RunChildAsync([.. commandLine.ExpandCommand(server)], stop).ConfigureAwait(false);
        }

        await WaitForStdinToCloseAsync(stop).ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> RunChildAsync(string[] command, CancellationToken stop)
    {
        var startInfo = new ProcessStartInfo(command[0]) { UseShellExecute = false };
        foreach (var argument in command.Skip(1))
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var child = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {command[0]}.");
        // A terminal's Ctrl+C reaches the child too; a SIGTERM sent to this process alone is passed on.
        await using var forward = stop.Register(() => NativeMethods.Kill(child.Id, NativeMethods.SigTerm));
        await child.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        return child.ExitCode;
    }

    private static async Task WaitForStdinToCloseAsync(CancellationToken stop)
    {
        // Console stream reads block a thread and ignore cancellation, so the read runs on its own.
        var drain = Task.Run(async () =>
        {
            await using var stdin = Console.OpenStandardInput();
            await stdin.CopyToAsync(Stream.Null, CancellationToken.None).ConfigureAwait(false);
        }, CancellationToken.None);
        await Task.WhenAny(drain, Task.Delay(Timeout.Infinite, stop)).ConfigureAwait(false);
    }
}
