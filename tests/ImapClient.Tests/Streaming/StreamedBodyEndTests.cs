using System.Text;
using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Streaming;

/// <summary>
/// One FETCH response read item by item around a streamed body: the items after the body go into the same message,
/// and they are there before the body's stream reports its end, so a caller that reads the body to its end and then
/// looks at the message never races the reader loop.
/// </summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class StreamedBodyEndTests(Delivery delivery)
{
    [Test]
    public async Task Items_after_the_body_are_set_before_its_stream_reports_the_end()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var bodies = imap.UidFetchStreamAsync(SequenceSet.Single(5), new FetchRequest(FetchItems.Uid | FetchItems.Flags).AddBodySection("")).GetAsyncEnumerator();
        var moving = bodies.MoveNextAsync();
        var tag = await server.ExpectCommandAsync("UID FETCH 5 (UID FLAGS BODY.PEEK[])");
        await server.SendAsync("* 3 FETCH (UID 5 BODY[] {5}\r\nhello");
        Assert.That(await moving.AsTask().WaitAsync(Patience), Is.True);
        var body = bodies.Current;
        var buffer = new byte[16];
        var read = 0;
        while (read < 5)
        {
            read += await body.Content.ReadAsync(buffer.AsMemory(read)).AsTask().WaitAsync(Patience);
        }

        // Every byte of the literal is in: the end is still to come, with the items after it.
        var end = body.Content.ReadAsync(buffer.AsMemory(read)).AsTask();
        Assert.That(body.Message.Flags, Is.Null, "FLAGS came after the body and has not arrived");
        await server.SendAsync($" FLAGS (\\Seen))\r\n{tag} OK\r\n");
        Assert.That(await end.WaitAsync(Patience), Is.Zero);
        Assert.That(body.Message.Flags!.Contains(SystemFlags.Seen), Is.True, "set before the stream reported its end");
        Assert.That((body.Message.Uid, Encoding.ASCII.GetString(buffer, 0, read)), Is.EqualTo(((uint?)5, "hello")));
        Assert.That(await bodies.MoveNextAsync().AsTask().WaitAsync(Patience), Is.False);
        await bodies.DisposeAsync();
    }

    [Test]
    public async Task Two_bodies_of_one_response_each_end_and_the_items_between_and_after_land_in_one_message()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var request = new FetchRequest(FetchItems.Uid | FetchItems.Flags | FetchItems.Size).AddBodySection("1").AddBodySection("2");
        var streaming = Task.Run(async () =>
        {
            var seen = new List<(string Section, string Text, long? SizeAtEnd, MessageFlags? FlagsAtEnd, FetchedMessage Message)>();
            await foreach (var body in imap.UidFetchStreamAsync(SequenceSet.Single(5), request))
            {
                using var reader = new StreamReader(body.Content, Encoding.ASCII);
                var text = await reader.ReadToEndAsync();
                seen.Add((body.Section, text, body.Message.Size, body.Message.Flags, body.Message));
            }

            return seen;
        });

        var tag = await server.ExpectCommandAsync("UID FETCH 5 (UID FLAGS RFC822.SIZE BODY.PEEK[1] BODY.PEEK[2])");
        await server.SendAsync($"* 3 FETCH (UID 5 BODY[1] {{3}}\r\none RFC822.SIZE 42 BODY[2] {{3}}\r\ntwo FLAGS (\\Seen))\r\n{tag} OK\r\n");
        var seen = await streaming.WaitAsync(Patience);

        Assert.That(seen.Select(s => (s.Section, s.Text)), Is.EqualTo(new[] { ("1", "one"), ("2", "two") }));
        Assert.That(seen[0].SizeAtEnd, Is.EqualTo(42), "the item between the bodies is set before the first one ends");
        Assert.That(seen[1].FlagsAtEnd!.Contains(SystemFlags.Seen), Is.True, "the item after the last body is set before it ends");
        Assert.That(seen[1].Message, Is.SameAs(seen[0].Message), "one response, one message: nothing merged");
    }

    [Test]
    public async Task A_literal_inside_the_envelope_before_a_streamed_body_is_read_with_the_envelope()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var request = new FetchRequest(FetchItems.Uid | FetchItems.Envelope).AddBodySection("");
        var streaming = Task.Run(async () =>
        {
            var seen = new List<(string? Subject, string Text, uint? Uid)>();
            await foreach (var body in imap.UidFetchStreamAsync(SequenceSet.Single(5), request))
            {
                using var reader = new StreamReader(body.Content, Encoding.ASCII);
                seen.Add((body.Message.Envelope?.Subject, await reader.ReadToEndAsync(), body.Message.Uid));
            }

            return seen;
        });

        var tag = await server.ExpectCommandAsync("UID FETCH 5 (UID ENVELOPE BODY.PEEK[])");
        await server.SendAsync(
            "* 3 FETCH (UID 5 ENVELOPE (NIL {5}\r\nhello NIL NIL NIL NIL NIL NIL NIL NIL) BODY[] {4}\r\nbody)\r\n"
            + $"{tag} OK\r\n");
        var seen = await streaming.WaitAsync(Patience);

        Assert.That(seen, Is.EqualTo(new[] { ((string?)"hello", "body", (uint?)5) }));
    }

    [Test]
    public async Task A_FETCH_nobody_streams_keeps_its_body_in_memory_while_a_stream_is_open()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var unsolicited = new EventQueue<UntaggedResponseEventArgs>();
        imap.UntaggedResponse += unsolicited.Handler;
        var streaming = Task.Run(async () =>
        {
            var texts = new List<string>();
            await foreach (var body in imap.UidFetchStreamAsync(SequenceSet.Single(5), new FetchRequest(FetchItems.Uid).AddBodySection("")))
            {
                using var reader = new StreamReader(body.Content, Encoding.ASCII);
                texts.Add(await reader.ReadToEndAsync());
            }

            return texts;
        });

        // Message 9 answers no UID this command asked for: its body is the server's own business, kept whole.
        var tag = await server.ExpectCommandAsync("UID FETCH 5 (UID BODY.PEEK[])");
        await server.SendAsync(
            "* 9 FETCH (UID 99 BODY[] {5}\r\nother FLAGS (\\Deleted))\r\n"
            + $"* 3 FETCH (UID 5 BODY[] {{4}}\r\nmine)\r\n{tag} OK\r\n");
        Assert.That(await streaming.WaitAsync(Patience), Is.EqualTo(new[] { "mine" }));
        var other = (ImapFetchResponse)(await unsolicited.NextAsync()).Response;
        Assert.That((other.Message.Uid, Encoding.ASCII.GetString(other.Message.GetSection("")!.Value.Span), other.Message.Flags!.Contains(SystemFlags.Deleted)),
            Is.EqualTo(((uint?)99, "other", true)));
    }
}
