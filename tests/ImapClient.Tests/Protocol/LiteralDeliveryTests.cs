using System.Text;
using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Protocol;

/// <summary>Literals in server responses arrive intact however the bytes are cut into reads.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class LiteralDeliveryTests(Delivery delivery)
{
    private const string Text = "Hello,\r\n\r\nthis body has {5} and \"quotes\" and a \\ in it.\r\n";

    [Test]
    public async Task A_FETCH_split_into_two_writes_at_every_offset_yields_identical_bytes()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var expected = Encoding.UTF8.GetBytes(Text);
        var response = Encoding.UTF8.GetBytes($"* 3 FETCH (UID 42 BODY[TEXT] {{{expected.Length}}}\r\n{Text} FLAGS (\\Seen))\r\n");

        // ByteByByte already cuts every response at every offset; one pass proves the same there.
        var lastSplit = delivery == Delivery.Whole ? response.Length : 0;
        for (var split = 0; split <= lastSplit; split++)
        {
            var fetch = imap.FetchAsync(SequenceSet.Single(3), new FetchRequest(FetchItems.Uid | FetchItems.Flags).AddBodySection("TEXT"));
            var tag = await server.ExpectCommandAsync("FETCH 3 (UID FLAGS BODY.PEEK[TEXT])");
            await server.SendAsync(response[..split]);
            await server.SendAsync([.. response[split..], .. Encoding.ASCII.GetBytes($"{tag} OK FETCH completed\r\n")]);

            var message = (await fetch.WaitAsync(Patience)).Single();
            Assert.That(message.SequenceNumber, Is.EqualTo(3), $"split at {split}");
            Assert.That(message.Uid, Is.EqualTo(42), $"split at {split}");
            Assert.That(message.Flags!.System, Is.EqualTo(SystemFlags.Seen), $"split at {split}");
            Assert.That(message.GetSection("TEXT")!.Value.ToArray(), Is.EqualTo(expected), $"split at {split}");
        }
    }

    [Test]
    public async Task A_literal_of_zero_bytes_is_an_empty_section_not_a_missing_one()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        var fetch = imap.FetchAsync(SequenceSet.Single(1), new FetchRequest().AddBodySection("TEXT"));
        var tag = await server.ExpectCommandAsync("FETCH 1 BODY.PEEK[TEXT]");
        await server.SendAsync($"* 1 FETCH (BODY[TEXT] {{0}}\r\n)\r\n{tag} OK FETCH completed\r\n");

        var section = (await fetch.WaitAsync(Patience)).Single().BodySections.Single();
        Assert.That(section.Name, Is.EqualTo("BODY"));
        Assert.That(section.Section, Is.EqualTo("TEXT"));
        Assert.That(section.Data, Is.Not.Null);
        Assert.That(section.Data!.Value.Length, Is.Zero);
    }

    [Test]
    public async Task A_literal_holding_CRLF_paren_a_tag_and_a_literal_marker_is_taken_as_data()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        const string Tricky = "a\r\n)\r\nA0002 OK FETCH completed\r\n* 9 FETCH {5}\r\n{5}";
        var byteCount = Encoding.UTF8.GetByteCount(Tricky);

        var fetch = imap.FetchAsync(SequenceSet.Single(2), new FetchRequest().AddBodySection(""));
        var tag = await server.ExpectCommandAsync("FETCH 2 BODY.PEEK[]");
        Assert.That(tag, Is.EqualTo("A0002"), "the literal mimics this very tag's completion");
        await server.SendAsync($"* 2 FETCH (BODY[] {{{byteCount}}}\r\n{Tricky})\r\n{tag} OK FETCH completed\r\n");

        var message = (await fetch.WaitAsync(Patience)).Single();
        Assert.That(Encoding.UTF8.GetString(message.GetSection("")!.Value.Span), Is.EqualTo(Tricky));

        // The stream is still in step: the next command works.
        var noop = imap.NoopAsync();
        tag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"{tag} OK NOOP completed\r\n");
        Assert.That((await noop.WaitAsync(Patience)).Text, Is.EqualTo("NOOP completed"));
    }

    [Test]
    public async Task Two_literals_in_one_response_and_a_non_ASCII_body_arrive_intact()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        const string Header = "Subject: caf\u00e9 \u2615\r\n\r\n";
        const string Body = "Gr\u00fc\u00dfe aus K\u00f6ln\r\n";

        var fetch = imap.FetchAsync(SequenceSet.Single(5), new FetchRequest().AddBodySection("HEADER").AddBodySection("TEXT"));
        var tag = await server.ExpectCommandAsync("FETCH 5 (BODY.PEEK[HEADER] BODY.PEEK[TEXT])");
        await server.SendAsync(
            $"* 5 FETCH (BODY[HEADER] {{{Encoding.UTF8.GetByteCount(Header)}}}\r\n{Header} " +
            $"BODY[TEXT] {{{Encoding.UTF8.GetByteCount(Body)}}}\r\n{Body})\r\n{tag} OK done\r\n");

        var message = (await fetch.WaitAsync(Patience)).Single();
        Assert.That(message.GetSection("HEADER")!.Value.ToArray(), Is.EqualTo(Encoding.UTF8.GetBytes(Header)));
        Assert.That(message.GetSection("TEXT")!.Value.ToArray(), Is.EqualTo(Encoding.UTF8.GetBytes(Body)));
    }
}
