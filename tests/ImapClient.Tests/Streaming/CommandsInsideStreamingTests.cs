using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Streaming;

/// <summary>
/// A command awaited inside <c>await foreach</c> over a streaming fetch completes: its answer is behind the body on
/// the wire, so the reader loop sets the unread rest of the body aside (memory up to 1 MiB for all bodies together,
/// then a temporary file) instead of waiting for the caller, who reads it from the same stream, in order.
/// </summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class CommandsInsideStreamingTests(Delivery delivery)
{
    // Over the 256 KB the body pipe holds before the reader loop waits for the caller.
    private int BigSize => delivery == Delivery.Whole ? 1_000_000 : 300_000;

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    private static string Fetched(uint number, uint uid, string body) =>
        $"* {number} FETCH (UID {uid} BODY[] {{{body.Length}}}\r\n{body})\r\n";

    private static string Body(char c, int size) => new(c, size);

    private async Task<ImapConnection> ConnectAsync(ScriptedServer server) =>
        await ConnectSelectedAsync(server, options: new ImapConnectionOptions { CommandTimeout = CommandTimeout, TimeProvider = new TestClock() });

    [Test]
    public async Task Marking_each_downloaded_message_seen_inside_the_loop()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectAsync(server);
        var big = Body('y', BigSize);
        var loop = Task.Run(async () =>
        {
            var got = new List<(uint Uid, string Text, bool Seen)>();
            await foreach (var body in imap.UidFetchStreamAsync(SequenceSet.Range(1, 2), new FetchRequest(FetchItems.Uid).AddBodySection("")))
            {
                var text = await ReadAllAsync(body.Content);
                var stored = await imap.UidStoreAsync(SequenceSet.Single(body.Message.Uid!.Value), StoreAction.Add, new MessageFlags(SystemFlags.Seen));
                got.Add((body.Message.Uid!.Value, text, stored.Single().Flags!.Contains(SystemFlags.Seen)));
            }

            return got;
        });

        var tag = await server.ExpectCommandAsync("UID FETCH 1:2 (UID BODY.PEEK[])");
        var sending = server.SendAsync(Fetched(1, 1, "hello") + Fetched(2, 2, big) + $"{tag} OK\r\n");
        var store1 = await server.ExpectCommandAsync("UID STORE 1 +FLAGS (\\Seen)");
        await sending.WaitAsync(Patience);
        await server.SendAsync($"* 1 FETCH (UID 1 FLAGS (\\Seen))\r\n{store1} OK\r\n");
        var store2 = await server.ExpectCommandAsync("UID STORE 2 +FLAGS (\\Seen)");
        await server.SendAsync($"* 2 FETCH (UID 2 FLAGS (\\Seen))\r\n{store2} OK\r\n");

        var got = await loop.WaitAsync(Patience);
        Assert.That(got, Is.EqualTo(new[] { (1u, "hello", true), (2u, big, true) }));
        // The second body came while the caller read the first: read ahead, or set aside once the STORE was in flight.
        Assert.That(imap.Spooling.Spools + imap.ReadingAhead.Spools, Is.GreaterThan(0), "the body behind the STORE was set aside or read ahead");
        Assert.That(imap.Spooling.Peak, Is.LessThanOrEqualTo(1024 * 1024));
    }

    [Test]
    public async Task A_STORE_awaited_before_the_body_is_read()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectAsync(server);
        var first = Body('a', BigSize);
        var second = Body('b', BigSize);
        var loop = Task.Run(async () =>
        {
            var got = new List<(uint Uid, string Text)>();
            await foreach (var body in imap.UidFetchStreamAsync(SequenceSet.Range(1, 2), new FetchRequest(FetchItems.Uid).AddBodySection("")))
            {
                await imap.UidStoreAsync(SequenceSet.Single(body.Message.Uid!.Value), StoreAction.Add, new MessageFlags(SystemFlags.Seen));
                got.Add((body.Message.Uid!.Value, await ReadAllAsync(body.Content)));
            }

            return got;
        });

        // The STORE's answer is behind both bodies: the rest of the first and all of the second are set aside.
        var tag = await server.ExpectCommandAsync("UID FETCH 1:2 (UID BODY.PEEK[])");
        var sending = server.SendAsync(Fetched(1, 1, first) + Fetched(2, 2, second) + $"{tag} OK\r\n");
        var store1 = await server.ExpectCommandAsync("UID STORE 1 +FLAGS (\\Seen)");
        await sending.WaitAsync(Patience);
        await server.SendAsync($"* 1 FETCH (UID 1 FLAGS (\\Seen))\r\n{store1} OK\r\n");
        var store2 = await server.ExpectCommandAsync("UID STORE 2 +FLAGS (\\Seen)");
        await server.SendAsync($"* 2 FETCH (UID 2 FLAGS (\\Seen))\r\n{store2} OK\r\n");

        var got = await loop.WaitAsync(Patience);
        Assert.That(got.Select(g => (g.Uid, g.Text.Length, g.Text == first || g.Text == second)),
            Is.EqualTo(new[] { (1u, first.Length, true), (2u, second.Length, true) }));
        Assert.That((got[0].Text[0], got[1].Text[0]), Is.EqualTo(('a', 'b')), "each body in its own stream, in order");
        Assert.That(imap.Spooling.Spools, Is.EqualTo(2), "the rest of the first body, and the whole second one");
        Assert.That(imap.Spooling.Peak, Is.LessThanOrEqualTo(1024 * 1024));
    }

    [Test]
    public async Task A_FETCH_awaited_inside_the_loop()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectAsync(server);
        var big = Body('z', BigSize);
        var loop = Task.Run(async () =>
        {
            var got = new List<(uint Uid, long? Size, int Length)>();
            await foreach (var body in imap.UidFetchStreamAsync(SequenceSet.Range(1, 2), new FetchRequest(FetchItems.Uid).AddBodySection("")))
            {
                var fetched = await imap.UidFetchAsync(SequenceSet.Single(body.Message.Uid!.Value), new FetchRequest(FetchItems.Uid | FetchItems.Size));
                got.Add((fetched.Single().Uid!.Value, fetched.Single().Size, (await ReadAllAsync(body.Content)).Length));
            }

            return got;
        });

        var tag = await server.ExpectCommandAsync("UID FETCH 1:2 (UID BODY.PEEK[])");
        var sending = server.SendAsync(Fetched(1, 1, big) + Fetched(2, 2, big) + $"{tag} OK\r\n");
        var fetch1 = await server.ExpectCommandAsync("UID FETCH 1 (UID RFC822.SIZE)");
        await sending.WaitAsync(Patience);
        await server.SendAsync($"* 1 FETCH (UID 1 RFC822.SIZE {big.Length})\r\n{fetch1} OK\r\n");
        var fetch2 = await server.ExpectCommandAsync("UID FETCH 2 (UID RFC822.SIZE)");
        await server.SendAsync($"* 2 FETCH (UID 2 RFC822.SIZE {big.Length})\r\n{fetch2} OK\r\n");

        var got = await loop.WaitAsync(Patience);
        Assert.That(got, Is.EqualTo(new[] { (1u, (long?)big.Length, big.Length), (2u, (long?)big.Length, big.Length) }));
    }

    [Test]
    public async Task With_no_other_command_the_reader_waits_for_the_caller_and_sets_nothing_aside()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectAsync(server);
        var big = Body('q', BigSize);
        var loop = Task.Run(async () =>
        {
            var lengths = new List<int>();
            await foreach (var body in imap.UidFetchStreamAsync(SequenceSet.Range(1, 2), new FetchRequest(FetchItems.Uid).AddBodySection("")))
            {
                lengths.Add((await ReadAllAsync(body.Content)).Length);
            }

            return lengths;
        });

        var tag = await server.ExpectCommandAsync("UID FETCH 1:2 (UID BODY.PEEK[])");
        await server.SendAsync(Fetched(1, 1, big) + Fetched(2, 2, big) + $"{tag} OK\r\n");
        Assert.That(await loop.WaitAsync(Patience), Is.EqualTo(new[] { big.Length, big.Length }));
        Assert.That((imap.Spooling.Spools, imap.Spooling.Peak), Is.EqualTo((0, 0L)), "backpressure, not spooling");
    }

    [Test]
    public async Task A_connection_lost_while_a_body_is_set_aside_fails_its_reader_after_the_bytes_that_came()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectAsync(server);
        // More than the body pipe holds (256 KB) must arrive, in either delivery: only a full pipe makes the reader
        // set the rest aside. With less, whether it spooled would depend on when the STORE was held back.
        var big = Body('f', 400_000);
        var sent = 300_000;
        var loop = Task.Run(async () =>
        {
            await foreach (var body in imap.UidFetchStreamAsync(SequenceSet.Range(1, 2), new FetchRequest(FetchItems.Uid).AddBodySection("")))
            {
                var store = imap.UidStoreAsync(SequenceSet.Single(1), StoreAction.Add, new MessageFlags(SystemFlags.Seen));
                Exception? storeError = null;
                try
                {
                    await store;
                }
                catch (ImapConnectionException ex)
                {
                    storeError = ex;
                }

                var buffer = new byte[8192];
                var read = 0;
                try
                {
                    int n;
                    while ((n = await body.Content.ReadAsync(buffer)) > 0)
                    {
                        read += n;
                    }
                }
                catch (ImapConnectionException ex)
                {
                    return (storeError, (Exception?)ex, read);
                }

                return (storeError, null, read);
            }

            return (null, null, 0);
        });

        var tag = await server.ExpectCommandAsync("UID FETCH 1:2 (UID BODY.PEEK[])");
        await server.SendAsync($"* 1 FETCH (UID 1 BODY[] {{{big.Length}}}\r\n" + big[..sent]);
        var real = System.Diagnostics.Stopwatch.StartNew();
        while (imap.Spooling.Spools == 0 && real.Elapsed < Patience)
        {
            await Task.Delay(10);
        }

        Assert.That(imap.Spooling.Spools, Is.EqualTo(1), "the STORE, held back behind the FETCH, made the rest go aside");
        server.ToClient.Complete();
        var (storeError, readError, read) = await loop.WaitAsync(Patience);
        Assert.That(storeError, Is.Not.Null, "the STORE fails with the connection");
        Assert.That(readError?.Message, Does.Contain("closed the connection"));
        Assert.That(read, Is.EqualTo(sent), "every byte that came, then the failure");
        _ = tag;
    }
}
