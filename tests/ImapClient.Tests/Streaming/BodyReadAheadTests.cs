using System.Text;
using ImapClient.Tests.Infrastructure;
using ImapClient.Transport;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Streaming;

/// <summary>
/// While the caller reads (parses) one streamed body, the reader loop reads the next small bodies ahead into memory,
/// within 1 MiB for all of them, so the transfer of one overlaps the parse of the last instead of taking turns.
/// </summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class BodyReadAheadTests(Delivery delivery)
{
    private const int Size = 100_000;

    private static string Fetched(uint number, string body) =>
        $"* {number} FETCH (UID {number} BODY[] {{{body.Length}}}\r\n{body})\r\n";

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var real = System.Diagnostics.Stopwatch.StartNew();
        while (!condition() && real.Elapsed < Patience)
        {
            await Task.Delay(10);
        }
    }

    [Test]
    public async Task Bodies_after_an_unread_one_are_read_ahead_and_come_in_order()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var bodies = imap.UidFetchStreamAsync(SequenceSet.Range(1, 3), new FetchRequest(FetchItems.Uid).AddBodySection("")).GetAsyncEnumerator();
        var moving = bodies.MoveNextAsync();
        var tag = await server.ExpectCommandAsync("UID FETCH 1:3 (UID BODY.PEEK[])");
        string[] texts = [new('a', Size), new('b', Size), new('c', Size)];
        var sending = server.SendAsync(Fetched(1, texts[0]) + Fetched(2, texts[1]) + Fetched(3, texts[2]) + $"{tag} OK done\r\n");
        Assert.That(await moving.AsTask().WaitAsync(Patience), Is.True);

        // Body 1 is not read: bodies 2 and 3 come in whole meanwhile, in memory.
        await sending.WaitAsync(Patience);
        await WaitUntilAsync(() => imap.ReadingAhead.InUse == 2 * Size);
        Assert.That((imap.ReadingAhead.Spools, imap.ReadingAhead.InUse, imap.Spooling.Spools), Is.EqualTo((2, 2L * Size, 0)));

        var got = new List<(uint, string)>();
        do
        {
            using var reader = new StreamReader(bodies.Current.Content, Encoding.ASCII);
            got.Add((bodies.Current.Message.Uid!.Value, await reader.ReadToEndAsync()));
        }
        while (await bodies.MoveNextAsync());

        await bodies.DisposeAsync();
        Assert.That(got, Is.EqualTo(new[] { (1u, texts[0]), (2u, texts[1]), (3u, texts[2]) }));
        Assert.That(imap.ReadingAhead.InUse, Is.Zero, "every byte read ahead was given back");
    }

    [Test]
    public async Task Bodies_read_ahead_but_never_read_give_their_memory_back()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var taken = Task.Run(async () =>
        {
            await foreach (var body in imap.UidFetchStreamAsync(SequenceSet.Range(1, 3), new FetchRequest(FetchItems.Uid).AddBodySection("")))
            {
                // Leave once the others are in: they were read ahead, and the caller never takes them.
                await WaitUntilAsync(() => imap.ReadingAhead.InUse == 2 * Size);
                return imap.ReadingAhead.Spools;
            }

            return -1;
        });
        var tag = await server.ExpectCommandAsync("UID FETCH 1:3 (UID BODY.PEEK[])");
        await server.SendAsync(Fetched(1, new string('a', Size)) + Fetched(2, new string('b', Size)) + Fetched(3, new string('c', Size)) + $"{tag} OK done\r\n");
        Assert.That(await taken.WaitAsync(Patience), Is.EqualTo(2));
        Assert.That(imap.ReadingAhead.InUse, Is.Zero, "leaving the loop disposed the bodies it did not take");

        // The connection is in step: the next command works.
        var noop = imap.NoopAsync();
        var noopTag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"{noopTag} OK\r\n");
        await noop.WaitAsync(Patience);
    }

    [Test]
    public async Task A_body_larger_than_the_read_ahead_bound_waits_for_the_caller()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var bodies = imap.UidFetchStreamAsync(SequenceSet.Range(1, 2), new FetchRequest(FetchItems.Uid).AddBodySection("")).GetAsyncEnumerator();
        var moving = bodies.MoveNextAsync();
        var tag = await server.ExpectCommandAsync("UID FETCH 1:2 (UID BODY.PEEK[])");
        var big = new string('b', 1024 * 1024 + 1);
        var sending = server.SendAsync(Fetched(1, "hello") + Fetched(2, big) + $"{tag} OK done\r\n");
        Assert.That(await moving.AsTask().WaitAsync(Patience), Is.True);
        await WaitUntilAsync(() => imap.WaitingForReader);
        Assert.That((imap.WaitingForReader, imap.ReadingAhead.Spools), Is.EqualTo((true, 0)));

        using (var reader = new StreamReader(bodies.Current.Content, Encoding.ASCII))
        {
            Assert.That(await reader.ReadToEndAsync(), Is.EqualTo("hello"));
        }

        Assert.That(await bodies.MoveNextAsync(), Is.True);
        using (var reader = new StreamReader(bodies.Current.Content, Encoding.ASCII))
        {
            Assert.That(await reader.ReadToEndAsync(), Is.EqualTo(big));
        }

        Assert.That(await bodies.MoveNextAsync(), Is.False);
        await bodies.DisposeAsync();
        await sending.WaitAsync(Patience);
    }
}

/// <summary>Reads a body stream served from memory: MimeKit's parser reads through <c>ReadAsync(byte[], …)</c>.</summary>
public class BodySpoolReadTests
{
    [Test]
    public async Task Reads_of_the_same_count_served_from_memory_share_one_task()
    {
        var budget = new SpoolBudget(1024 * 1024);
        Assert.That(budget.TryTake(8192), Is.True, "the session takes a read-ahead body's length up front");
        using var spool = new BodySpool(budget, prepaid: 8192);
        Assert.That(await spool.WriteAsync(new System.Buffers.ReadOnlySequence<byte>(new byte[8192])), Is.True);
        spool.Complete(null);
        var buffer = new byte[4096];
        var first = spool.ReadAsync(buffer, 0, buffer.Length, CancellationToken.None);
        var second = spool.ReadAsync(buffer, 0, buffer.Length, CancellationToken.None);
        Assert.That((await first, await second), Is.EqualTo((4096, 4096)));
        Assert.That(second, Is.SameAs(first));
        Assert.That(await spool.ReadAsync(buffer, 0, buffer.Length, CancellationToken.None), Is.Zero);
        Assert.That(budget.InUse, Is.Zero);
    }
}
