using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace ImapClient.Tests.Infrastructure;

/// <summary>
/// A fake clock for a connection (<see cref="ImapConnectionOptions.TimeProvider"/>): timeouts, IDLE restarts and
/// polling move only when the test moves the clock, so no test depends on how fast the machine is. It also hears the
/// protocol log, so a test can wait until the client has read a line before it moves the clock on.
/// </summary>
internal sealed class TestClock : FakeTimeProvider, IImapProtocolLogger
{
    /// <summary>How long, in real time, a test waits for something that must happen before it fails instead of hanging.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly Channel<string> _received = Channel.CreateUnbounded<string>();

    public TestClock()
    {
        Started = GetUtcNow();
    }

    /// <summary>When the clock was made: <see cref="Elapsed"/> counts from here.</summary>
    public DateTimeOffset Started { get; }

    /// <summary>How far the test has moved the clock.</summary>
    public TimeSpan Elapsed => GetUtcNow() - Started;

    /// <summary>Options for a connection on this clock, its protocol log included.</summary>
    public ImapConnectionOptions Options(TimeSpan commandTimeout) =>
        new() { CommandTimeout = commandTimeout, TimeProvider = this, ProtocolLogger = this };

    void IImapProtocolLogger.Log(ImapProtocolLogEntry entry)
    {
        if (entry.Direction == ImapProtocolDirection.Received)
        {
            _received.Writer.TryWrite(entry.Text);
        }
    }

    /// <summary>Waits (real time, bounded) until the client has read a line containing <paramref name="text"/>.</summary>
    public async Task ReceivedAsync(string text)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (true)
        {
            var line = await _received.Reader.ReadAsync(patience.Token);
            if (line.Contains(text, StringComparison.Ordinal))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Moves the clock on in steps of <paramref name="step"/>, letting the client's threads run between steps, until
    /// <paramref name="task"/> completes; fails when it has not within the patience (real time). Returns what the task
    /// threw, or null. A step at a time, because a timer the client starts while the clock moves is due from then on.
    /// The clock may overshoot by many steps before the test sees the task end: a second timer of the client (the wait
    /// for a completion after the awaited event) must be long or off, or it fires too.
    /// </summary>
    public async Task<Exception?> AdvanceUntilDoneAsync(Task task, TimeSpan step)
    {
        var real = Stopwatch.StartNew();
        while (!task.IsCompleted)
        {
            if (real.Elapsed > Patience)
            {
                Assert.Fail($"The task did not complete although the fake clock moved on by {Elapsed}.");
            }

            Advance(step);
            await Task.WhenAny(task, Task.Delay(5));
        }

        try
        {
            await task;
            return null;
        }
#pragma warning disable CA1031 // The exception is the value under test.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return ex;
        }
    }
}
