using System.Text;
using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Fetch;

/// <summary>
/// A response section is matched to the requested one in one normal form: header field names are astrings, so a
/// server may quote them or send them as literals, in any case and spacing, and the section is still found.
/// </summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class SectionMatchingTests(Delivery delivery)
{
    private const string Fields = "Subject: hi\r\nMessage-ID: <1@example.org>\r\n\r\n";

    private static string Literal(string text) => $"{{{Encoding.ASCII.GetByteCount(text)}}}\r\n{text}";

    [Test]
    public async Task Quoted_field_names_in_the_response_are_found_by_GetSection_and_GetHeaders()
    {
        var message = await UidFetchAsync(
            new FetchRequest(FetchItems.Uid).AddBodySection("HEADER.FIELDS (SUBJECT MESSAGE-ID)"),
            "UID FETCH 20 (UID BODY.PEEK[HEADER.FIELDS (SUBJECT MESSAGE-ID)])",
            $"* 20 FETCH (UID 20 BODY[HEADER.FIELDS (\"SUBJECT\" \"MESSAGE-ID\")] {Literal(Fields)})\r\n");

        Assert.That(Encoding.ASCII.GetString(message.GetSection("HEADER.FIELDS (SUBJECT MESSAGE-ID)")!.Value.Span), Is.EqualTo(Fields));
        var headers = message.GetHeaders("HEADER.FIELDS (SUBJECT MESSAGE-ID)")!;
        Assert.That((headers["Subject"], headers["Message-ID"]), Is.EqualTo(("hi", "<1@example.org>")));

        // Case and spacing of the request do not matter either; another field list is another section.
        Assert.That(message.GetSection("header.fields  ( subject   message-id )"), Is.Not.Null);
        Assert.That(message.GetSection("HEADER.FIELDS (SUBJECT)"), Is.Null);
        Assert.That(message.BodySections.Single().Section, Is.EqualTo("HEADER.FIELDS (SUBJECT MESSAGE-ID)"));
    }

    [Test]
    public async Task Field_names_as_literals_escaped_quotes_and_a_bracket_inside_quotes_are_read_as_astrings()
    {
        const string Requested = "HEADER.FIELDS.NOT (\"X-A\\\"B\" SUBJECT)";
        var message = await UidFetchAsync(
            new FetchRequest(FetchItems.Uid).AddBodySection(Requested),
            $"UID FETCH 20 (UID BODY.PEEK[{Requested}])",
            $"* 20 FETCH (UID 20 BODY[header.fields.not (\"x-a\\\"b\" {{7}}\r\nSubject)] {Literal(Fields)}"
            + $" BODY[HEADER.FIELDS (\"X]\")] {Literal("X]: 1\r\n\r\n")})\r\n");

        Assert.That(message.BodySections.Select(s => s.Section), Is.EqualTo(new[] { "HEADER.FIELDS.NOT (\"X-A\\\"B\" SUBJECT)", "HEADER.FIELDS (X])" }));
        Assert.That(message.GetHeaders(Requested)!["Subject"], Is.EqualTo("hi"));
        Assert.That(message.GetSection("HEADER.FIELDS (\"x]\")"), Is.Not.Null);
    }

    [Test]
    public async Task Part_numbered_sections_and_partial_fetches_match_in_the_same_normal_form()
    {
        var request = new FetchRequest(FetchItems.Uid)
            .AddBodySection("1.2.HEADER.FIELDS (FROM)")
            .AddBodySection("HEADER.FIELDS (SUBJECT)", offset: 0, count: 5);
        var message = await UidFetchAsync(
            request,
            "UID FETCH 20 (UID BODY.PEEK[1.2.HEADER.FIELDS (FROM)] BODY.PEEK[HEADER.FIELDS (SUBJECT)]<0.5>)",
            $"* 20 FETCH (UID 20 BODY[1.2.HEADER.FIELDS (\"From\")] {Literal("From: a@example.org\r\n")}"
            + " BODY[HEADER.FIELDS (\"SUBJECT\")]<0> {5}\r\nSubje)\r\n");

        Assert.That(message.GetHeaders("1.2.HEADER.FIELDS (FROM)")!["From"], Is.EqualTo("a@example.org"));

        // A partial is not a whole section, but is found by its section and origin.
        Assert.That(message.GetSection("HEADER.FIELDS (SUBJECT)"), Is.Null);
        var partial = message.BodySections.Single(s => s.Matches("HEADER.FIELDS (Subject)") && s.Origin == 0);
        Assert.That(Encoding.ASCII.GetString(partial.Data!.Value.Span), Is.EqualTo("Subje"));
    }

    [Test]
    public async Task A_streamed_section_with_quoted_field_names_matches_the_request_and_DownloadAsync_finds_it()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        const string Section = "HEADER.FIELDS (SUBJECT MESSAGE-ID)";
        var bodies = new List<(string Section, bool Matches, string Text)>();
        var streaming = Task.Run(async () =>
        {
            await foreach (var body in imap.UidFetchStreamAsync(SequenceSet.Single(20), new FetchRequest(FetchItems.Uid).AddBodySection(Section)))
            {
                using var reader = new StreamReader(body.Content, Encoding.ASCII);
                bodies.Add((body.Section, body.Matches(Section), await reader.ReadToEndAsync()));
            }
        });
        var tag = await server.ExpectCommandAsync($"UID FETCH 20 (UID BODY.PEEK[{Section}])");
        await server.SendAsync($"* 20 FETCH (UID 20 BODY[HEADER.FIELDS (\"SUBJECT\" \"MESSAGE-ID\")] {Literal(Fields)})\r\n{tag} OK done\r\n");
        await streaming.WaitAsync(Patience);
        Assert.That(bodies, Is.EqualTo(new[] { ("HEADER.FIELDS (SUBJECT MESSAGE-ID)", true, Fields) }));

        // DownloadAsync takes the body of the section it asked for, here sent before an unrequested one.
        using var file = new MemoryStream();
        var download = imap.DownloadAsync(20, file, "header.fields (subject)");
        tag = await server.ExpectCommandAsync("UID FETCH 20 (UID BODY.PEEK[header.fields (subject)])");
        await server.SendAsync(
            $"* 20 FETCH (UID 20 BODY[1] {Literal("other")} BODY[HEADER.FIELDS ({{7}}\r\nSUBJECT)] {Literal("Subject: hi\r\n\r\n")})\r\n{tag} OK done\r\n");
        Assert.That(await download.WaitAsync(Patience), Is.EqualTo(15));
        Assert.That(Encoding.ASCII.GetString(file.ToArray()), Is.EqualTo("Subject: hi\r\n\r\n"));
    }

    private async Task<FetchedMessage> UidFetchAsync(FetchRequest request, string command, string response)
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var fetch = imap.UidFetchAsync(SequenceSet.Single(20), request);
        var tag = await server.ExpectCommandAsync(command);
        await server.SendAsync($"{response}{tag} OK FETCH completed\r\n");
        return (await fetch.WaitAsync(Patience)).Single();
    }
}
