using System.Text;
using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Fetch;

/// <summary>
/// ENVELOPE and BODYSTRUCTURE are kept as the server's bytes and parsed when first read: the bytes must survive the
/// reader loop reusing its buffers, a malformed value must cost only its own property, and the parse must happen once.
/// </summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class OnDemandParsingTests(Delivery delivery)
{
    private static string Response(uint n) =>
        $"* {n} FETCH (UID {n + 100} ENVELOPE (\"Mon, 2 Feb 2026 10:00:00 +0000\" {{{Subject(n).Length}}}\r\n{Subject(n)} " +
        $"((\"Sender {n}\" NIL \"s{n}\" \"example.org\")) NIL NIL ((NIL NIL \"r{n}\" \"example.net\")) NIL NIL NIL \"<m{n}@x>\") " +
        $"BODYSTRUCTURE (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" {n * 10} {n}) FLAGS (\\Seen))\r\n";

    private static string Subject(uint n) => $"subject \"{n}\" of many";

    [Test]
    public async Task Values_read_after_the_whole_fetch_are_each_messages_own_even_across_many_buffers()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        const uint Count = 20;
        var fetching = imap.FetchAsync(SequenceSet.Range(1, Count), new FetchRequest(FetchItems.Uid | FetchItems.Envelope | FetchItems.BodyStructure));
        var tag = await server.ExpectCommandAsync("FETCH 1:20 (UID ENVELOPE BODYSTRUCTURE)");
        var script = new StringBuilder();
        for (uint n = 1; n <= Count; n++)
        {
            script.Append(Response(n));
        }

        await server.SendAsync(script + $"{tag} OK done\r\n");
        var messages = await fetching.WaitAsync(Patience);

        Assert.That(messages, Has.Count.EqualTo((int)Count));
        foreach (var message in messages)
        {
            var n = message.SequenceNumber;
            using (Assert.EnterMultipleScope())
            {
                Assert.That(message.Uid, Is.EqualTo(n + 100));
                Assert.That(message.Envelope!.Subject, Is.EqualTo(Subject(n)));
                Assert.That(message.Envelope.From.Mailboxes.Single().Address, Is.EqualTo($"s{n}@example.org"));
                Assert.That(message.Envelope.To.Mailboxes.Single().Address, Is.EqualTo($"r{n}@example.net"));
                Assert.That(message.Envelope.MessageId, Is.EqualTo($"<m{n}@x>"));
                Assert.That(((BodyPartText)message.BodyStructure!).Lines, Is.EqualTo((long)n));
                Assert.That(((BodyPartText)message.BodyStructure!).Octets, Is.EqualTo((long)n * 10));
            }
        }
    }

    [Test]
    public async Task A_malformed_envelope_fails_only_its_own_property_and_the_rest_of_the_fetch_is_delivered()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var fetching = imap.FetchAsync(SequenceSet.Range(1, 2), new FetchRequest(FetchItems.Uid | FetchItems.Envelope));
        var tag = await server.ExpectCommandAsync("FETCH 1:2 (UID ENVELOPE)");

        // Well framed, but a string where the envelope's list is required.
        await server.SendAsync("* 1 FETCH (UID 7 ENVELOPE \"not an envelope\")\r\n" +
                               "* 2 FETCH (UID 8 ENVELOPE (NIL \"fine\" NIL NIL NIL NIL NIL NIL NIL NIL))\r\n" +
                               $"{tag} OK done\r\n");
        var messages = await fetching.WaitAsync(Patience);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(messages.Select(m => m.Uid), Is.EqualTo(new uint?[] { 7, 8 }));
            Assert.That(() => messages[0].Envelope, Throws.TypeOf<ImapProtocolException>().With.Message.Contains("not an envelope"));
            Assert.That(messages[1].Envelope!.Subject, Is.EqualTo("fine"));
        }

        // The connection is still in step with the server.
        var noop = imap.NoopAsync();
        await server.SendAsync($"{await server.ExpectCommandAsync("NOOP")} OK noop\r\n");
        await noop.WaitAsync(Patience);
    }

    [Test]
    public async Task Readers_on_many_threads_see_one_parsed_instance()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var fetching = imap.FetchAsync(SequenceSet.Single(3), new FetchRequest(FetchItems.Envelope | FetchItems.BodyStructure));
        var tag = await server.ExpectCommandAsync("FETCH 3 (ENVELOPE BODYSTRUCTURE)");
        await server.SendAsync(Response(3) + $"{tag} OK done\r\n");
        var message = (await fetching.WaitAsync(Patience)).Single();

        var seen = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => (message.Envelope, message.BodyStructure))));

        Assert.That(seen.Select(s => s.Envelope).Distinct().Count(), Is.EqualTo(1));
        Assert.That(seen.Select(s => s.BodyStructure).Distinct().Count(), Is.EqualTo(1));
        Assert.That(seen[0].Envelope!.Subject, Is.EqualTo(Subject(3)));
    }

    [Test]
    public async Task Header_sections_are_ready_when_the_fetch_completes_and_a_bad_one_gives_no_fields_but_keeps_its_bytes()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var fetching = imap.FetchAsync(SequenceSet.Range(1, 2), new FetchRequest(FetchItems.Uid).AddBodySection("HEADER"));
        var tag = await server.ExpectCommandAsync("FETCH 1:2 (UID BODY.PEEK[HEADER])");
        const string Good = "Subject: fine\r\nFrom: a@example.org\r\n\r\n";
        const string Bad = "no colon here\r\n\r\n";
        await server.SendAsync($"* 1 FETCH (UID 5 BODY[HEADER] {{{Good.Length}}}\r\n{Good})\r\n* 2 FETCH (UID 6 BODY[HEADER] {{{Bad.Length}}}\r\n{Bad})\r\n{tag} OK done\r\n");
        var messages = await fetching.WaitAsync(Patience);

        var first = messages[0].Headers;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first!["Subject"], Is.EqualTo("fine"));
            Assert.That(messages[0].Headers, Is.SameAs(first), "parsed once");
            Assert.That(messages[1].Headers, Is.Empty, "ImapQuirks.MalformedHeaders: the fields that can be parsed, none");
            Assert.That(messages[1].GetSection("HEADER")!.Value.Length, Is.EqualTo(Bad.Length), "the raw bytes are still there");
        }
    }
}
