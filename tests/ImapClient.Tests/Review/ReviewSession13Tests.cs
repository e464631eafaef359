using System.IO.Pipelines;
using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Connection.SessionTestKit;

namespace ImapClient.Tests.Review;

/// <summary>Regressions found reviewing the shared flush, the remembered LIST claimant and the names cache.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class ReviewSession13Tests(Delivery delivery)
{
    [Test]
    public async Task A_shared_write_that_fails_under_a_held_back_command_breaks_the_connection_for_every_command()
    {
        await using var server = new ScriptedServer(delivery);
        var output = new FailableWriter(server.ClientPipe.Output);
        await using var imap = await ConnectOverAsync(server, output);

        var noop = imap.NoopAsync();
        await server.ExpectCommandAsync("NOOP");
        var search = imap.UidSearchAsync(SearchQuery.Subject("Grüße"));
        await server.ExpectCommandAsync("UID SEARCH CHARSET UTF-8 SUBJECT {7}");

        // Queued for the writer while the SEARCH waits for its continuation. The SEARCH's rest is then written while
        // the NOOP is in flight, so its flush is left to the shared one; the FETCH (held back by both) does it instead.
        var fetch = imap.FetchAsync(SequenceSet.Single(1), new FetchRequest(FetchItems.Flags));
        output.FailFlushes = true;
        await server.SendAsync("+ go ahead\r\n");

        var held = await CatchAsync(fetch);
        Assert.That(held, Is.InstanceOf<ImapConnectionException>(), $"got {held?.GetType().Name}: {held?.Message}");
        Assert.That(await CatchAsync(search), Is.InstanceOf<ImapConnectionException>(), "its end never reached the server");
        Assert.That(await CatchAsync(noop), Is.InstanceOf<ImapConnectionException>(), "the connection is broken");
    }

    /// <summary>A PREAUTH connection over <paramref name="output"/> with INBOX selected; the SELECT used tag A0001.</summary>
    private static async Task<ImapConnection> ConnectOverAsync(ScriptedServer server, PipeWriter output)
    {
        // Longer than the patience: a command that is never failed shows up as a hang, not as its own timeout.
        var options = new ImapConnectionOptions { CommandTimeout = TimeSpan.FromSeconds(60) };
        var connecting = ImapConnection.ConnectAsync(new Pipe(server.ClientPipe.Input, output), options);
        await server.SendAsync("* PREAUTH [CAPABILITY IMAP4rev1] ready\r\n");
        var imap = await connecting.WaitAsync(Patience);
        var select = imap.SelectAsync("INBOX");
        var tag = await server.ExpectCommandAsync("SELECT INBOX");
        await server.SendAsync($"* 20 EXISTS\r\n* OK [UIDVALIDITY 1] ok\r\n{tag} OK [READ-WRITE] SELECT completed\r\n");
        await select.WaitAsync(Patience);
        return imap;
    }

    private sealed class Pipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }

    /// <summary>The client's writing end, whose flushes fail once told to, as a socket's do when the peer resets it.</summary>
    private sealed class FailableWriter(PipeWriter inner) : PipeWriter
    {
        private volatile bool _failFlushes;

        public bool FailFlushes
        {
            get => _failFlushes;
            set => _failFlushes = value;
        }

        public override void Advance(int bytes) => inner.Advance(bytes);

        public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) =>
            FailFlushes
                ? ValueTask.FromException<FlushResult>(new IOException("Connection reset by peer."))
                : inner.FlushAsync(cancellationToken);
    }
}
