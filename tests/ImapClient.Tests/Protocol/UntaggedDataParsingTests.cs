using System.Text;
using ImapClient.Protocol;
using ImapClient.Tests.Infrastructure;

namespace ImapClient.Tests.Protocol;

/// <summary>LIST, LSUB, STATUS, SEARCH, unknown responses and the FETCH items that carry raw sections.</summary>
[TestFixture(0)]
[TestFixture(1)]
public class UntaggedDataParsingTests(int segmentSize) : FetchParsingFixture(segmentSize)
{
    private T Parse<T>(string response) where T : ImapResponse
    {
        var parsed = ResponseParser.Parse(Sequence(response), ImapLimits.Default);
        Assert.That(parsed.Response, Is.TypeOf<T>());
        return (T)parsed.Response;
    }

    [Test]
    public void BODY_sent_after_BODYSTRUCTURE_does_not_replace_its_extension_data()
    {
        // FETCH FULL BODYSTRUCTURE asks for both; Dovecot sends BODYSTRUCTURE first.
        var fetch = Parse<ImapFetchResponse>(
            "* 1 FETCH (BODYSTRUCTURE (\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 5 1 NIL (\"INLINE\" NIL) (\"EN\") NIL) BODY (\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 5 1))\r\n");
        var text = (BodyPartText)fetch.Message.BodyStructure!;
        Assert.That((text.ContentDisposition?.Disposition, text.ContentLanguage), Is.EqualTo(("inline", (IReadOnlyList<string>?)new[] { "EN" })));
    }

    [Test]
    public void List_gives_attributes_delimiter_and_name()
    {
        var list = Parse<ImapListResponse>("* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent Items\"\r\n");
        Assert.That(list.IsLsub, Is.False);
        Assert.That(list.Mailbox.Attributes, Is.EqualTo(MailboxAttributes.HasNoChildren | MailboxAttributes.Sent));
        Assert.That(list.Mailbox.Delimiter, Is.EqualTo('/'));
        Assert.That(list.Mailbox.Name, Is.EqualTo("Sent Items"));
    }

    [Test]
    public void List_accepts_a_nil_delimiter_an_atom_name_and_extended_data()
    {
        var list = Parse<ImapListResponse>("* LIST () NIL INBOX (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n");
        Assert.That(list.Mailbox.Attributes, Is.EqualTo(MailboxAttributes.None));
        Assert.That(list.Mailbox.Delimiter, Is.Null);
        Assert.That(list.Mailbox.Name, Is.EqualTo("INBOX"));
        Assert.That(list.Mailbox.ChildInfo, Is.EqualTo(new[] { "SUBSCRIBED" }));
    }

    [Test]
    public void Lsub_with_a_literal_name()
    {
        var list = Parse<ImapListResponse>("* LSUB (\\Noselect) \".\" {7}\r\nfoo.bar\r\n");
        Assert.That(list.IsLsub, Is.True);
        Assert.That(list.Mailbox.Delimiter, Is.EqualTo('.'));
        Assert.That(list.Mailbox.Name, Is.EqualTo("foo.bar"));
        Assert.That(list.Mailbox.IsSelectable, Is.False);
    }

    [Test]
    public void Status_gives_every_item_typed()
    {
        var status = Parse<ImapMailboxStatusResponse>("* STATUS blurdybloop (MESSAGES 231 uidnext 44292 UIDVALIDITY 3857529045 UNSEEN 0 SIZE 9876543210)\r\n").Status;
        Assert.That(status.Mailbox, Is.EqualTo("blurdybloop"));
        Assert.That(status.Messages, Is.EqualTo(231));
        Assert.That(status.UidNext, Is.EqualTo(44292), "names are case-insensitive");
        Assert.That(status.UidValidity, Is.EqualTo(3857529045));
        Assert.That(status.Unseen, Is.Zero);
        Assert.That(status.Size, Is.EqualTo(9876543210));
        Assert.That(status.Recent, Is.Null, "not reported");
    }

    [TestCase("* SEARCH\r\n", new uint[0])]
    [TestCase("* SEARCH 2 3 6\r\n", new uint[] { 2, 3, 6 })]
    [TestCase("* SEARCH 2 84 882 (MODSEQ 917162500)\r\n", new uint[] { 2, 84, 882 })]
    public void Search_gives_the_numbers(string response, uint[] expected) =>
        Assert.That(Parse<ImapSearchResponse>(response).Numbers, Is.EqualTo(expected));

    [Test]
    public void Unknown_responses_are_kept_with_their_text_literals_inline()
    {
        var unknown = Parse<ImapUnknownResponse>("* XID (\"name\" {8}\r\nDovecot!)\r\n");
        Assert.That(unknown.Keyword, Is.EqualTo("XID"));
        Assert.That(unknown.Text, Is.EqualTo("XID (\"name\" {8}\r\nDovecot!)"));
        var numbered = Parse<ImapUnknownResponse>("* 3 XFOO bar\r\n");
        Assert.That(numbered.Keyword, Is.EqualTo("XFOO"));
        Assert.That(numbered.Text, Is.EqualTo("3 XFOO bar"));
    }

    [Test]
    public void Body_sections_arrive_as_literal_quoted_or_nil_with_their_origin()
    {
        var message = Fetch("* 7 FETCH (BODY[1.2] {5}\r\nhello BODY[TEXT]<100> \"part\\\"ial\" BODY[1.MIME] NIL UID 9)\r\n");
        Assert.That(message.Uid, Is.EqualTo(9));
        Assert.That(message.BodySections, Has.Count.EqualTo(3));
        Assert.That(Text(message.GetSection("1.2")), Is.EqualTo("hello"));
        var partial = message.BodySections[1];
        Assert.That((partial.Name, partial.Section, partial.Origin), Is.EqualTo(("BODY", "TEXT", (long?)100)));
        Assert.That(Text(partial.Data), Is.EqualTo("part\"ial"));
        Assert.That(message.BodySections[2].Data.HasValue, Is.False, "NIL is no data, not empty data");
        Assert.That(message.GetSection("1.MIME"), Is.Null);
    }

    [Test]
    public void Rfc822_items_map_to_the_whole_message_the_header_and_the_text()
    {
        const string Msg = "Subject: hi\r\n\r\nbody\r\n";
        var message = Fetch($"* 1 FETCH (RFC822.HEADER {{15}}\r\nSubject: hi\r\n\r\n RFC822.TEXT {{6}}\r\nbody\r\n RFC822 {{{Msg.Length}}}\r\n{Msg})\r\n");
        Assert.That(message.Headers!["Subject"], Is.EqualTo("hi"));
        Assert.That(message.BodySections.Select(s => (s.Name, s.Section)),
            Is.EqualTo(new[] { ("RFC822.HEADER", "HEADER"), ("RFC822.TEXT", "TEXT"), ("RFC822", "") }));
        Assert.That(Text(message.BodySections[1].Data), Is.EqualTo("body\r\n"));
        Assert.That(message.Message!.Subject, Is.EqualTo("hi"));
        Assert.That(message.Message.TextBody?.TrimEnd(), Is.EqualTo("body"));
    }

    [Test]
    public void Unknown_fetch_items_are_skipped_without_losing_the_known_ones()
    {
        var message = Fetch("* 4 FETCH (X-GM-LABELS (\\Inbox \"a b\") X-GM-MSGID 1278455344230334865 " +
            "BINARY.SIZE[1] 33 PREVIEW {3}\r\nabc FLAGS (\\Seen $Junk) MODSEQ (12345) RFC822.SIZE 44)\r\n");
        Assert.That(message.Flags!.System, Is.EqualTo(SystemFlags.Seen));
        Assert.That(message.Flags.Keywords, Is.EqualTo(new[] { "$Junk" }));
        Assert.That(message.ModSeq, Is.EqualTo(12345));
        Assert.That(message.Size, Is.EqualTo(44));
    }

    private static string? Text(ReadOnlyMemory<byte>? data) => data is { } d ? Encoding.UTF8.GetString(d.Span) : null;
}
