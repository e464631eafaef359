using System.IO.Pipelines;
using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Pipelining;

/// <summary>The shared write: a failed one breaks the connection for every command; commands go out while an APPEND waits for its message source.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class SharedWriteTests(Delivery delivery)
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

    [Test]
    public async Task Commands_left_to_the_shared_write_go_out_while_an_APPEND_waits_for_its_message_source()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(
            server, "IMAP4rev1 LITERAL-", new ImapConnectionOptions { CommandTimeout = TimeSpan.FromSeconds(60) });

        var noop = imap.NoopAsync();
        var noopTag = await server.ExpectCommandAsync("NOOP");

        // Too long for a non-synchronizing literal under LITERAL-: the SEARCH holds the writer until the server's "+".
        var subject = new string('ü', 2500);
        var search = imap.UidSearchAsync(SearchQuery.Subject(subject));
        var searchTag = await server.ExpectCommandAsync("UID SEARCH CHARSET UTF-8 SUBJECT {5000}");

        // Queued for the writer meanwhile; its short literal is non-synchronizing, so it reads its source at once.
        var source = new GatedStream("Subject: x\r\n\r\nhi\r\n"u8.ToArray());
        var append = imap.AppendAsync("INBOX", source, source.Payload.Length);
        await server.SendAsync("+ go ahead\r\n");
        try
        {
            // The rest of the SEARCH was written while the NOOP was in flight, so its flush was left to the shared
            // one; the APPEND holding the writer while its source takes its time must not keep it from the server.
            var searchRest = server.ReadLineAsync();
            var first = await Task.WhenAny(searchRest, Task.Delay(Patience));
            Assert.That(first, Is.SameAs(searchRest), "the SEARCH's literal reached the server while the message source waited");
            Assert.That(searchRest.Result, Is.EqualTo(subject + "\r\n"));
            await server.ExpectCommandAsync($"APPEND INBOX {{{source.Payload.Length}+}}");
        }
        finally
        {
            source.Open();
        }

        await server.SendAsync($"{noopTag} OK done\r\n* SEARCH\r\n{searchTag} OK done\r\n");
        await noop.WaitAsync(Patience);
        await search.WaitAsync(Patience);
        var data = await server.ReadLineAsync() + await server.ReadLineAsync() + await server.ReadLineAsync() + await server.ReadLineAsync();
        Assert.That(data, Is.EqualTo("Subject: x\r\n\r\nhi\r\n\r\n"));
        await server.SendAsync("A0004 OK done\r\n");
        await append.WaitAsync(Patience);
    }

    /// <summary>A message source that gives nothing until <see cref="Open"/>, like one still downloading the message.</summary>
    private sealed class GatedStream(byte[] payload) : Stream
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _position;

        public byte[] Payload => payload;

        public void Open() => _open.TrySetResult();

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await _open.Task.WaitAsync(cancellationToken);
            var n = Math.Min(buffer.Length, payload.Length - _position);
            payload.AsMemory(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
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
