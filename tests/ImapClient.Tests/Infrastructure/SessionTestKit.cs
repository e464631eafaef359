using System.Text;
using System.Threading.Channels;

namespace ImapClient.Tests.Infrastructure;

/// <summary>Small helpers shared by the connection-engine tests.</summary>
internal static class SessionTestKit
{
    /// <summary>How long any single awaited step may take before the test fails instead of hanging.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>How long a test waits to be sure the client did NOT write something (a negative observation).</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(200);

    /// <summary>Awaits the task and returns what it threw, or null when it succeeded. A hang becomes a TimeoutException.</summary>
    public static async Task<Exception?> CatchAsync(Task task)
    {
        try
        {
            await task.WaitAsync(Patience);
            return null;
        }
#pragma warning disable CA1031 // The exception is the value under test.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return ex;
        }
    }

    /// <summary>
    /// A PREAUTH connection whose writing end is <paramref name="output"/> (a wrapper around the server's pipe), with
    /// INBOX selected; the SELECT used tag A0001.
    /// </summary>
    public static async Task<ImapConnection> ConnectOverAsync(ScriptedServer server, System.IO.Pipelines.PipeWriter output, TimeProvider? clock = null)
    {
        // Longer than the patience: a command that is never failed shows up as a hang, not as its own timeout.
        var options = new ImapConnectionOptions { CommandTimeout = TimeSpan.FromSeconds(60), TimeProvider = clock ?? TimeProvider.System };
        var connecting = ImapConnection.ConnectAsync(new DuplexPipe(server.ClientPipe.Input, output), options);
        await server.SendAsync("* PREAUTH [CAPABILITY IMAP4rev1] ready\r\n");
        var imap = await connecting.WaitAsync(Patience);
        var select = imap.SelectAsync("INBOX");
        var tag = await server.ExpectCommandAsync("SELECT INBOX");
        await server.SendAsync($"* 20 EXISTS\r\n* OK [UIDVALIDITY 1] ok\r\n{tag} OK [READ-WRITE] SELECT completed\r\n");
        await select.WaitAsync(Patience);
        return imap;
    }

    /// <summary>A PREAUTH connection with INBOX selected (20 messages); the SELECT used tag A0001.</summary>
    public static async Task<ImapConnection> ConnectSelectedAsync(
        ScriptedServer server, string capabilities = "IMAP4rev1", ImapConnectionOptions? options = null)
    {
        var imap = await server.ConnectAsync($"* PREAUTH [CAPABILITY {capabilities}] ready\r\n", options);
        var select = imap.SelectAsync("INBOX");
        var tag = await server.ExpectCommandAsync("SELECT INBOX");
        await server.SendAsync($"* 20 EXISTS\r\n* OK [UIDVALIDITY 1] ok\r\n{tag} OK [READ-WRITE] SELECT completed\r\n");
        await select.WaitAsync(Patience);
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Selected));
        return imap;
    }

    /// <summary>
    /// Asserts the client writes nothing more for <see cref="Quiet"/>: a read started now is still pending. Returns
    /// that read, which completes with the next line once the client does write.
    /// </summary>
    public static async Task<Task<string>> AssertClientSilentAsync(ScriptedServer server, string because)
    {
        var next = server.ReadLineAsync();
        var first = await Task.WhenAny(next, Task.Delay(Quiet));
        Assert.That(first, Is.Not.SameAs(next), because + (next.IsCompletedSuccessfully ? $" (it wrote: {next.Result.TrimEnd()})" : ""));
        return next;
    }

    /// <summary>
    /// Asserts <paramref name="task"/> is still running after <see cref="Quiet"/> (real time). A negative observation: a
    /// slow machine can only make it pass, never fail, so it is used with a fake clock that has not reached the deadline.
    /// </summary>
    public static async Task AssertPendingAsync(Task task, string because)
    {
        var first = await Task.WhenAny(task, Task.Delay(Quiet));
        Assert.That(first, Is.Not.SameAs(task), because + (task.IsFaulted ? $" (it failed: {task.Exception!.GetBaseException().Message})" : ""));
    }

    /// <summary>
    /// Proves a refused call wrote nothing: the next line the server reads is a NOOP sent now, carrying
    /// <paramref name="expectedTag"/>, so no tag was spent either.
    /// </summary>
    public static async Task AssertNothingWasSentAsync(ScriptedServer server, ImapConnection imap, string expectedTag)
    {
        var noop = imap.NoopAsync();
        var tag = await server.ExpectCommandAsync("NOOP");
        Assert.That(tag, Is.EqualTo(expectedTag), "no tag was spent on the refused call");
        await server.SendAsync($"{tag} OK NOOP completed\r\n");
        await noop.WaitAsync(Patience);
    }

    /// <summary>Splits a client line into its tag and the rest (CRLF removed).</summary>
    public static (string Tag, string Command) SplitTag(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        Assert.That(space, Is.GreaterThan(0), $"the client wrote an untagged line: {line}");
        return (line[..space], line[(space + 1)..].TrimEnd('\r', '\n'));
    }

    /// <summary>Reads a streamed body to its end as ASCII text.</summary>
    public static async Task<string> ReadAllAsync(Stream content)
    {
        using var reader = new StreamReader(content, Encoding.ASCII);
        return await reader.ReadToEndAsync();
    }
}

/// <summary>Collects event arguments in the order they were raised, for awaiting one at a time.</summary>
internal sealed class EventQueue<T>
{
    private readonly Channel<T> _channel = Channel.CreateUnbounded<T>();

    public void Add(T item) => _channel.Writer.TryWrite(item);

    public void Handler(object? sender, T args) => Add(args);

    /// <summary>The next event; fails (TimeoutException) when none is raised within the patience.</summary>
    public async Task<T> NextAsync() => await _channel.Reader.ReadAsync().AsTask().WaitAsync(SessionTestKit.Patience);

    /// <summary>Events raised so far and not yet taken.</summary>
    public List<T> Drain()
    {
        var items = new List<T>();
        while (_channel.Reader.TryRead(out var item))
        {
            items.Add(item);
        }

        return items;
    }
}
