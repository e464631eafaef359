using System.Text;
using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Streaming;

/// <summary>Body sections handed over as they arrive, consumed in order, skipped safely, failing loudly.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class StreamingFetchTests(Delivery delivery)
{
    private static string Body(int seed, int length) =>
        string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + ((i + seed) % 26))));

    [Test]
    public async Task A_body_streams_with_the_items_before_it_and_the_items_after_it_are_merged_once_read()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var text = Body(1, 300);
        var bodies = imap.UidFetchStreamAsync(SequenceSet.Single(5), new FetchRequest(FetchItems.Uid | FetchItems.Flags).AddBodySection("")).GetAsyncEnumerator();
        var moving = bodies.MoveNextAsync();
        var tag = await server.ExpectCommandAsync("UID FETCH 5 (UID FLAGS BODY.PEEK[])");
        await server.SendAsync($"* 3 FETCH (UID 5 BODY[] {{{text.Length}}}\r\n{text} FLAGS (\\Seen))\r\n{tag} OK done\r\n");

        Assert.That(await moving.AsTask().WaitAsync(Patience), Is.True);
        var body = bodies.Current;
        Assert.That((body.SequenceNumber, body.Message.Uid, body.Name, body.Section, body.Length), Is.EqualTo((3u, (uint?)5, "BODY", "", (long)text.Length)));
        Assert.That(await ReadAllAsync(body.Content).WaitAsync(Patience), Is.EqualTo(text));
        Assert.That(await bodies.MoveNextAsync().AsTask().WaitAsync(Patience), Is.False);
        Assert.That(body.Message.Flags!.Contains(SystemFlags.Seen), Is.True, "FLAGS came after the body");
        await bodies.DisposeAsync();
    }

    [Test]
    public async Task Several_messages_arrive_in_order_and_a_literal_split_anywhere_is_reassembled()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var texts = new[] { Body(1, 50), Body(2, 0), Body(3, 70) };
        var reading = Task.Run(async () =>
        {
            var read = new List<(uint, string)>();
            await foreach (var body in imap.FetchStreamAsync(SequenceSet.Range(1, 3), new FetchRequest().AddBodySection("TEXT")))
            {
                read.Add((body.SequenceNumber, await ReadAllAsync(body.Content)));
            }

            return read;
        });

        var tag = await server.ExpectCommandAsync("FETCH 1:3 BODY.PEEK[TEXT]");
        var response = string.Concat(texts.Select((t, i) => $"* {i + 1} FETCH (BODY[TEXT] {{{t.Length}}}\r\n{t})\r\n")) + $"{tag} OK done\r\n";
        var bytes = Encoding.ASCII.GetBytes(response);
        var split = bytes.Length / 3;
        await server.SendAsync(bytes[..split]);
        await server.SendAsync(bytes[split..]);

        var read = await reading.WaitAsync(Patience);
        Assert.That(read, Is.EqualTo(texts.Select((t, i) => ((uint)(i + 1), t))));
    }

    [Test]
    public async Task A_finished_body_stream_never_reads_the_next_body_and_a_disposed_one_throws()
    {
        // Bodies share one pipe: a stream kept after it ended must not see the bytes of those after it.
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var texts = new[] { Body(1, 40), Body(2, 60), Body(3, 30) };
        var reading = Task.Run(async () =>
        {
            var read = new List<string>();
            var laterReads = new List<int>();
            var kept = new List<Stream>();
            await foreach (var body in imap.FetchStreamAsync(SequenceSet.Range(1, 3), new FetchRequest().AddBodySection("TEXT")))
            {
                foreach (var old in kept)
                {
                    laterReads.Add(await ReadAfterEndAsync(old));
                }

                var buffer = new MemoryStream();
                await body.Content.CopyToAsync(buffer);
                read.Add(Encoding.ASCII.GetString(buffer.ToArray()));
                laterReads.Add(await ReadAfterEndAsync(body.Content));
                kept.Add(body.Content);
            }

            return (read, laterReads);
        });

        var tag = await server.ExpectCommandAsync("FETCH 1:3 BODY.PEEK[TEXT]");
        await server.SendAsync(string.Concat(texts.Select((t, i) => $"* {i + 1} FETCH (BODY[TEXT] {{{t.Length}}}\r\n{t})\r\n")) + $"{tag} OK done\r\n");

        var (read, laterReads) = await reading.WaitAsync(Patience);
        Assert.That(read, Is.EqualTo(texts));

        // Once read to the end: 0 bytes; once the enumeration moved on and disposed it: ObjectDisposedException (-1).
        Assert.That(laterReads, Is.EqualTo(new[] { 0, -1, 0, -1, -1, 0 }));
    }

    private static async Task<int> ReadAfterEndAsync(Stream stream)
    {
        try
        {
            return await stream.ReadAsync(new byte[16]);
        }
        catch (ObjectDisposedException)
        {
            return -1;
        }
    }

    [Test]
    public async Task A_streamed_literal_split_at_every_offset_arrives_whole()
    {
        const string Text = "0123456789abcdefghij\r\nklmnop";
        for (var split = 1; split < 60; split++)
        {
            await using var server = new ScriptedServer(Delivery.Whole);
            await using var imap = await ConnectSelectedAsync(server);
            var reading = Task.Run(async () =>
            {
                var read = new List<(string Text, FetchedBody Body)>();
                await foreach (var body in imap.FetchStreamAsync(SequenceSet.Single(1), new FetchRequest(FetchItems.Uid).AddBodySection("")))
                {
                    read.Add((await ReadAllAsync(body.Content), body));
                }

                // The UID follows the body on the wire: it is merged by the time the enumeration moves on.
                return read.Select(r => r.Text + "|" + r.Body.Message.Uid).ToList();
            });
            var tag = await server.ExpectCommandAsync("FETCH 1 (UID BODY.PEEK[])");
            var bytes = Encoding.ASCII.GetBytes($"* 1 FETCH (BODY[] {{{Text.Length}}}\r\n{Text} UID 9)\r\n{tag} OK\r\n");
            var at = Math.Min(split, bytes.Length - 1);
            await server.SendAsync(bytes[..at]);
            await server.SendAsync(bytes[at..]);
            Assert.That(await reading.WaitAsync(Patience), Is.EqualTo(new[] { Text + "|9" }), $"split at {at}");
        }
    }

    [Test]
    public async Task A_slow_reader_gets_every_byte_of_a_body_larger_than_the_buffer()
    {
        // Delivered whole: one byte per write would make the server, not the reader, the slow side.
        await using var server = new ScriptedServer(Delivery.Whole);
        await using var imap = await ConnectSelectedAsync(server);
        var big = Body(8, 1_000_000);
        var reading = Task.Run(async () =>
        {
            var received = new MemoryStream();
            await foreach (var body in imap.FetchStreamAsync(SequenceSet.Single(1), new FetchRequest().AddBodySection("")))
            {
                var chunk = new byte[16 * 1024];
                int n;
                while ((n = await body.Content.ReadAsync(chunk)) > 0)
                {
                    received.Write(chunk, 0, n);
                    await Task.Delay(1);
                }
            }

            return Encoding.ASCII.GetString(received.ToArray());
        });
        var tag = await server.ExpectCommandAsync("FETCH 1 BODY.PEEK[]");
        await server.SendAsync($"* 1 FETCH (BODY[] {{{big.Length}}}\r\n{big})\r\n{tag} OK\r\n");
        Assert.That(await reading.WaitAsync(TimeSpan.FromSeconds(60)), Is.EqualTo(big));
    }

    [Test]
    public async Task RFC822_items_stream_too()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        const string Message = "Subject: old style\r\n\r\nbody\r\n";
        var reading = Task.Run(async () =>
        {
            var read = new List<(string, string)>();
            await foreach (var body in imap.FetchStreamAsync(SequenceSet.Single(4), new FetchRequest(FetchItems.Rfc822)))
            {
                read.Add((body.Name, await ReadAllAsync(body.Content)));
            }

            return read;
        });
        var tag = await server.ExpectCommandAsync("FETCH 4 RFC822");
        await server.SendAsync($"* 4 FETCH (RFC822 {{{Message.Length}}}\r\n{Message})\r\n{tag} OK\r\n");
        Assert.That(await reading.WaitAsync(Patience), Is.EqualTo(new[] { ("RFC822", Message) }));
    }

    [Test]
    public async Task BINARY_is_refused_before_sending_when_the_server_does_not_offer_it()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var ex = await CatchAsync(imap.FetchAsync(SequenceSet.Single(1), new FetchRequest().AddBodySection("1", binary: true)));
        Assert.That(ex, Is.TypeOf<NotSupportedException>());
        Assert.That(ex!.Message, Does.Contain("BINARY"));
        await AssertClientSilentAsync(server, "nothing was sent");
    }

    [Test]
    public async Task A_caller_who_stops_halfway_skips_the_rest_and_the_connection_stays_in_sync()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var big = Body(4, 600_000);
        var after = Body(5, 40);
        var reading = Task.Run(async () =>
        {
            var seen = new List<string>();
            await foreach (var body in imap.FetchStreamAsync(SequenceSet.Range(1, 2), new FetchRequest().AddBodySection("")))
            {
                if (body.SequenceNumber == 1)
                {
                    var start = new byte[10];
                    await body.Content.ReadExactlyAsync(start);
                    seen.Add(Encoding.ASCII.GetString(start));
                    await body.Content.DisposeAsync();
                }
                else
                {
                    seen.Add(await ReadAllAsync(body.Content));
                }
            }

            return seen;
        });

        var tag = await server.ExpectCommandAsync("FETCH 1:2 BODY.PEEK[]");
        await server.SendAsync($"* 1 FETCH (BODY[] {{{big.Length}}}\r\n{big})\r\n* 2 FETCH (BODY[] {{{after.Length}}}\r\n{after})\r\n{tag} OK done\r\n");
        Assert.That(await reading.WaitAsync(TimeSpan.FromSeconds(60)), Is.EqualTo(new[] { big[..10], after }));

        var noop = imap.NoopAsync();
        var noopTag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"{noopTag} OK\r\n");
        await noop.WaitAsync(Patience);
    }

    [Test]
    public async Task Breaking_out_of_the_enumeration_early_does_not_stall_the_connection()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var big = Body(6, 400_000);
        var first = Task.Run(async () =>
        {
            await foreach (var body in imap.FetchStreamAsync(SequenceSet.Range(1, 3), new FetchRequest().AddBodySection("")))
            {
                return body.SequenceNumber;
            }

            return 0u;
        });

        var tag = await server.ExpectCommandAsync("FETCH 1:3 BODY.PEEK[]");
        var response = string.Concat(Enumerable.Range(1, 3).Select(i => $"* {i} FETCH (BODY[] {{{big.Length}}}\r\n{big})\r\n")) + $"{tag} OK done\r\n";
        await server.SendAsync(response);
        Assert.That(await first.WaitAsync(TimeSpan.FromSeconds(60)), Is.EqualTo(1));

        var noop = imap.NoopAsync();
        var noopTag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"{noopTag} OK\r\n");
        await noop.WaitAsync(TimeSpan.FromSeconds(60));
    }

    [Test]
    public async Task A_server_that_sends_fewer_bytes_than_announced_and_closes_fails_the_read_without_hanging()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var reading = Task.Run(async () =>
        {
            await foreach (var body in imap.FetchStreamAsync(SequenceSet.Single(1), new FetchRequest().AddBodySection("")))
            {
                await ReadAllAsync(body.Content);
            }
        });

        await server.ExpectCommandAsync("FETCH 1 BODY.PEEK[]");
        await server.SendAsync("* 1 FETCH (BODY[] {100}\r\nonly twenty bytes...");
        await server.CloseAsync();
        var ex = await CatchAsync(reading);
        Assert.That(ex, Is.TypeOf<ImapConnectionException>());
    }

    [Test]
    public async Task A_literal_that_is_not_a_body_is_kept_in_memory_as_usual()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var reading = Task.Run(async () =>
        {
            var bodies = new List<(string? Subject, string Text)>();
            await foreach (var body in imap.FetchStreamAsync(SequenceSet.Single(1), new FetchRequest(FetchItems.Envelope).AddBodySection("1")))
            {
                bodies.Add((body.Message.Envelope?.Subject, await ReadAllAsync(body.Content)));
            }

            return bodies;
        });

        var tag = await server.ExpectCommandAsync("FETCH 1 (ENVELOPE BODY.PEEK[1])");
        await server.SendAsync(
            "* 1 FETCH (ENVELOPE (NIL {11}\r\nhello world NIL NIL NIL NIL NIL NIL NIL NIL) BODY[1] {4}\r\nbody)\r\n" + $"{tag} OK\r\n");
        Assert.That(await reading.WaitAsync(Patience), Is.EqualTo(new[] { ((string?)"hello world", "body") }));
    }

    [Test]
    public async Task GetMessageAsync_parses_the_stream_with_MimeKit_and_DownloadAsync_copies_it()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        const string Message = "Subject: streamed\r\nFrom: a@example.org\r\n\r\nHello.\r\n";

        var get = imap.GetMessageAsync(7);
        var tag = await server.ExpectCommandAsync("UID FETCH 7 (UID BODY.PEEK[])");
        await server.SendAsync($"* 2 FETCH (UID 7 BODY[] {{{Message.Length}}}\r\n{Message})\r\n{tag} OK\r\n");
        var message = await get.WaitAsync(Patience);
        Assert.That(message.Subject, Is.EqualTo("streamed"));
        Assert.That(message.TextBody?.TrimEnd(), Is.EqualTo("Hello."));

        var file = new MemoryStream();
        var download = imap.DownloadAsync(7, file);
        tag = await server.ExpectCommandAsync("UID FETCH 7 (UID BODY.PEEK[])");
        await server.SendAsync($"* 2 FETCH (UID 7 BODY[] {{{Message.Length}}}\r\n{Message})\r\n{tag} OK\r\n");
        Assert.That(await download.WaitAsync(Patience), Is.EqualTo(Message.Length));
        Assert.That(Encoding.ASCII.GetString(file.ToArray()), Is.EqualTo(Message));

        var missing = imap.GetMessageAsync(8);
        tag = await server.ExpectCommandAsync("UID FETCH 8 (UID BODY.PEEK[])");
        await server.SendAsync($"{tag} OK nothing\r\n");
        Assert.That(await CatchAsync(missing), Is.TypeOf<ImapMessageNotFoundException>());
    }
}
