using System.Text;
using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Fetch;

/// <summary>
/// A header section that is no valid header: a mail list must not fail on one junk block. The fields that can be
/// parsed are given (possibly none) and the bytes stay reachable; only with the quirk off is reading it an error.
/// </summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class MalformedHeaderTests(Delivery delivery)
{
    private const string Junk = "!@&^*$(*&E WOIFDUJS Fu87#$*";

    [Test]
    public async Task A_junk_header_section_gives_no_fields_and_keeps_its_bytes()
    {
        var message = await FetchHeaderAsync(ImapQuirks.All, Junk);
        Assert.That(message.Headers, Is.Not.Null.And.Empty);
        Assert.That(message.GetHeaders("HEADER"), Is.Empty);
        Assert.That(Encoding.ASCII.GetString(message.GetSection("HEADER")!.Value.Span), Is.EqualTo(Junk));
    }

    [TestCase(Junk + "\r\nSubject: kept\r\n\r\n", "Subject=kept")]
    [TestCase(Junk + "\r\n From: folded junk\r\nSubject: kept\r\nX-Ok: \r\n\tfolded\r\nno colon\r\n\r\nBody: not a field\r\n", "Subject=kept|X-Ok=folded")]
    public async Task The_fields_among_junk_lines_are_kept(string section, string fields)
    {
        var message = await FetchHeaderAsync(ImapQuirks.All, section);
        Assert.That(string.Join("|", message.Headers!.Select(h => $"{h.Field}={h.Value}")), Is.EqualTo(fields));
    }

    [TestCase(ImapQuirks.None)]
    [TestCase(ImapQuirks.All & ~ImapQuirks.MalformedHeaders)]
    public async Task Without_MalformedHeaders_reading_it_throws_and_the_connection_goes_on(ImapQuirks quirks)
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, options: new ImapConnectionOptions { CommandTimeout = TimeSpan.FromSeconds(10), Quirks = quirks });
        var message = await FetchHeaderAsync(server, imap, Junk);

        Assert.That(() => message.Headers, Throws.TypeOf<ImapProtocolException>()
            .With.Message.StartsWith("The header section the server sent could not be parsed:")
            .And.Message.Contains("ImapQuirks.MalformedHeaders"));
        Assert.That(message.GetSection("HEADER")!.Value.Length, Is.EqualTo(Junk.Length));

        var noop = imap.NoopAsync();
        var tag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"{tag} OK NOOP completed\r\n");
        await noop.WaitAsync(Patience);
    }

    private async Task<FetchedMessage> FetchHeaderAsync(ImapQuirks quirks, string section)
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, options: new ImapConnectionOptions { CommandTimeout = TimeSpan.FromSeconds(10), Quirks = quirks });
        return await FetchHeaderAsync(server, imap, section);
    }

    private static async Task<FetchedMessage> FetchHeaderAsync(ScriptedServer server, ImapConnection imap, string section)
    {
        var fetch = imap.FetchAsync(SequenceSet.Single(1), new FetchRequest(FetchItems.Uid).AddBodySection("HEADER"));
        var tag = await server.ExpectCommandAsync("FETCH 1 (UID BODY.PEEK[HEADER])");
        await server.SendAsync($"* 1 FETCH (UID 7 BODY[HEADER] {{{section.Length}}}\r\n{section})\r\n{tag} OK FETCH completed\r\n");
        return (await fetch.WaitAsync(Patience)).Single();
    }
}
