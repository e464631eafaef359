using System.IO.Pipelines;
using System.Text;
using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;
using ImapClient.Tests.Diagnostics;

namespace ImapClient.Tests.Commands;

/// <summary>
/// A command without a synchronizing literal is encoded in the connection's pipe, after its tag, and committed in one
/// piece: no copy out of a separate buffer. Commands that do not fit, that stop for a literal, or that fail to encode
/// still leave exactly the right bytes (or none) on the wire.
/// </summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class CommandWriteTests(Delivery delivery)
{
    private static async Task<ImapConnection> ConnectAsync(ScriptedServer server, PipeWriter output, string capabilities, IImapProtocolLogger? logger = null)
    {
        var options = new ImapConnectionOptions { CommandTimeout = TimeSpan.FromSeconds(60), ProtocolLogger = logger };
        var connecting = ImapConnection.ConnectAsync(new DuplexPipe(server.ClientPipe.Input, output), options);
        await server.SendAsync($"* PREAUTH [CAPABILITY {capabilities}] ready\r\n");
        var imap = await connecting.WaitAsync(Patience);
        var select = imap.SelectAsync("INBOX");
        var tag = await server.ExpectCommandAsync("SELECT INBOX");
        await server.SendAsync($"* 20 EXISTS\r\n* OK [UIDVALIDITY 1] ok\r\n{tag} OK [READ-WRITE] SELECT completed\r\n");
        await select.WaitAsync(Patience);
        return imap;
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_command_without_a_literal_reaches_the_pipe_in_one_write(bool withLogger)
    {
        await using var server = new ScriptedServer(delivery);
        var output = new CountingWriter(server.ClientPipe.Output);
        var logger = withLogger ? new ProtocolLoggerTests.RecordingLogger() : null;
        await using var imap = await ConnectAsync(server, output, "IMAP4rev1", logger);

        output.Reset();
        var store = imap.UidStoreAsync(SequenceSet.Parse("1:5,7,4294967294:*"), StoreAction.Add, new MessageFlags(SystemFlags.Seen, ["$Forwarded"]), silent: true);
        Assert.That(await server.ReadLineAsync(), Is.EqualTo("A0002 UID STORE 1:5,7,4294967294:* +FLAGS.SILENT (\\Seen $Forwarded)\r\n"));
        await server.SendAsync("A0002 OK STORE completed\r\n");
        await store.WaitAsync(Patience);
        Assert.That(output.Advances, Is.EqualTo(1), "tag and command committed at once, from where they were encoded");

        output.Reset();
        var fetch = imap.UidFetchAsync(SequenceSet.Range(10, 12), new FetchRequest(FetchItems.Uid | FetchItems.Flags).AddBodySection("HEADER", offset: 0, count: 512));
        Assert.That(await server.ReadLineAsync(), Is.EqualTo("A0003 UID FETCH 10:12 (UID FLAGS BODY.PEEK[HEADER]<0.512>)\r\n"));
        await server.SendAsync("A0003 OK FETCH completed\r\n");
        await fetch.WaitAsync(Patience);
        Assert.That(output.Advances, Is.EqualTo(1));

        if (logger is not null)
        {
            var sent = logger.Entries.Where(e => e.Direction == ImapProtocolDirection.Sent).Select(e => e.Text).ToList();
            Assert.That(sent, Does.Contain("A0002 UID STORE 1:5,7,4294967294:* +FLAGS.SILENT (\\Seen $Forwarded)\r\n"));
            Assert.That(sent, Does.Contain("A0003 UID FETCH 10:12 (UID FLAGS BODY.PEEK[HEADER]<0.512>)\r\n"));
        }
    }

    [Test]
    public async Task A_command_longer_than_the_memory_the_pipe_lends_is_written_whole()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectAsync(server, server.ClientPipe.Output, "IMAP4rev1");

        // 30,000 single UIDs: about 200 KB, far past the free memory of one pipe segment.
        var uids = SequenceSet.Of(Enumerable.Range(0, 30_000).Select(n => (uint)(n * 3 + 1)));
        var store = imap.UidStoreAsync(uids, StoreAction.Remove, new MessageFlags(SystemFlags.Flagged), silent: true);
        var expected = "A0002 UID STORE " + uids + " -FLAGS.SILENT (\\Flagged)\r\n";
        Assert.That(await server.ReadLineAsync(), Is.EqualTo(expected));
        await server.SendAsync("A0002 OK STORE completed\r\n");
        await store.WaitAsync(Patience);

        var noop = imap.NoopAsync();
        Assert.That(await server.ReadLineAsync(), Is.EqualTo("A0003 NOOP\r\n"), "the next command starts cleanly after it");
        await server.SendAsync("A0003 OK NOOP completed\r\n");
        await noop.WaitAsync(Patience);
    }

    [Test]
    public async Task A_command_that_fails_to_encode_leaves_nothing_in_the_pipe()
    {
        await using var server = new ScriptedServer(delivery);
        var output = new CountingWriter(server.ClientPipe.Output);
        await using var imap = await ConnectAsync(server, output, "IMAP4rev1");

        // Refused while encoding: its tag was already written into the pipe's memory, but never committed.
        output.Reset();
        var refused = imap.UidFetchAsync(SequenceSet.All, new FetchRequest().AddBodySection("1", binary: true));
        Assert.That(await CatchAsync(refused), Is.InstanceOf<NotSupportedException>());
        Assert.That(output.Advances, Is.Zero);
        await AssertNothingWasSentAsync(server, imap, "A0002");
    }

    [Test]
    public async Task A_synchronizing_literal_after_the_command_began_in_the_pipe_is_sent_in_its_parts()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectAsync(server, server.ClientPipe.Output, "IMAP4rev1");

        // Non-ASCII without UTF8=ACCEPT or LITERAL+: a synchronizing literal, after the command's first bytes were
        // encoded into the pipe's memory.
        var search = imap.UidSearchAsync(SearchQuery.Uids(SequenceSet.Range(1, 9)).And(SearchQuery.Subject("Grüße")));
        var command = Encoding.UTF8.GetString(await server.ReadCommandAsync());
        Assert.That(command, Is.EqualTo("A0002 UID SEARCH CHARSET UTF-8 UID 1:9 SUBJECT {7}\r\nGrüße\r\n"));
        await server.SendAsync("* SEARCH 3\r\nA0002 OK SEARCH completed\r\n");
        Assert.That(await search.WaitAsync(Patience), Is.EqualTo(new uint[] { 3 }));
    }

    /// <summary>The client's writing end, counting how often bytes are committed to it.</summary>
    private sealed class CountingWriter(PipeWriter inner) : PipeWriter
    {
        private int _advances;

        public int Advances => Volatile.Read(ref _advances);

        public void Reset() => Volatile.Write(ref _advances, 0);

        public override void Advance(int bytes)
        {
            Interlocked.Increment(ref _advances);
            inner.Advance(bytes);
        }

        public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);
    }
}
