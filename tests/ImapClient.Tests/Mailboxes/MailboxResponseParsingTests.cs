using ImapClient.Protocol;
using ImapClient.Tests.Infrastructure;

namespace ImapClient.Tests.Mailboxes;

/// <summary>LIST, LSUB, STATUS and NAMESPACE data in every shape servers send, whole and split into one-byte segments.</summary>
[TestFixture(0)]
[TestFixture(1)]
public class MailboxResponseParsingTests(int segmentSize) : FetchParsingFixture(segmentSize)
{
    private T Parse<T>(string response, bool utf8Names = false) where T : ImapResponse
    {
        var parsed = ResponseParser.Parse(Sequence(response), ImapLimits.Default, utf8Names: utf8Names);
        Assert.That(parsed.Response, Is.TypeOf<T>());
        return (T)parsed.Response;
    }

    private MailboxListEntry List(string response) => Parse<ImapListResponse>(response).Mailbox;

    [Test]
    public void Every_known_attribute_is_typed_and_unknown_ones_are_kept_as_sent()
    {
        var entry = List("* LIST (\\Noinferiors \\Noselect \\Marked \\Unmarked \\NonExistent \\Subscribed \\Remote " +
            "\\HasChildren \\HasNoChildren \\All \\Archive \\Drafts \\Flagged \\Junk \\Sent \\Trash \\Important \\X-Custom $Odd) \"/\" x\r\n");
        Assert.That(entry.Attributes, Is.EqualTo(
            MailboxAttributes.NoInferiors | MailboxAttributes.NoSelect | MailboxAttributes.Marked | MailboxAttributes.Unmarked
            | MailboxAttributes.NonExistent | MailboxAttributes.Subscribed | MailboxAttributes.Remote | MailboxAttributes.HasChildren
            | MailboxAttributes.HasNoChildren | MailboxAttributes.SpecialUse));
        Assert.That(entry.OtherAttributes, Is.EqualTo(new[] { "\\X-Custom", "$Odd" }));
    }

    [Test]
    public void Attributes_match_case_insensitively_as_Cyrus_sends_them()
    {
        var entry = List("* LIST (\\hasnochildren \\drafts \\NOSELECT) \".\" Drafts\r\n");
        Assert.That(entry.Attributes, Is.EqualTo(MailboxAttributes.HasNoChildren | MailboxAttributes.Drafts | MailboxAttributes.NoSelect));
        Assert.That(entry.SpecialUse, Is.EqualTo(MailboxAttributes.Drafts));
        Assert.That(entry.OtherAttributes, Is.Empty);
    }

    [TestCase("* LIST () \"/\" \"Tom &- Jerry\"\r\n", "Tom & Jerry")]
    [TestCase("* LIST () \"/\" Entw&APw-rfe\r\n", "Entwürfe")]
    [TestCase("* LIST () \"/\" {31}\r\n~peter/mail/&U,BTFw-/&ZeVnLIqe-\r\n", "~peter/mail/台北/日本語")]
    [TestCase("* LIST () \"/\" \"a \\\"quoted\\\" \\\\ name\"\r\n", "a \"quoted\" \\ name")]
    [TestCase("* LIST () \"/\" Archive[2024]\r\n", "Archive[2024]")]
    public void Names_arrive_quoted_as_atoms_or_as_literals_and_are_decoded(string response, string name) =>
        Assert.That(List(response).Name, Is.EqualTo(name));

    [Test]
    public void With_utf8_names_agreed_a_name_is_taken_as_sent()
    {
        var entry = Parse<ImapListResponse>("* LIST () \"/\" \"Tom &- Jerry Входящие\"\r\n", utf8Names: true).Mailbox;
        Assert.That(entry.Name, Is.EqualTo("Tom &- Jerry Входящие"));
    }

    [TestCase("NIL", null)]
    [TestCase("\"/\"", '/')]
    [TestCase("\".\"", '.')]
    [TestCase("\"\\\\\"", '\\')]
    [TestCase("\"\"", null)]
    [TestCase("{1}\r\n/", '/')]
    public void The_delimiter_is_a_quoted_character_or_nil(string wire, char? delimiter) =>
        Assert.That(List($"* LIST (\\HasNoChildren) {wire} INBOX\r\n").Delimiter, Is.EqualTo(delimiter));

    [Test]
    public void Extended_data_gives_childinfo_and_oldname_and_skips_unknown_items()
    {
        var entry = List("* LIST (\\Subscribed \\NonExistent) \"/\" Foo (\"X-UNKNOWN\" (1 (2 \"x\")) CHILDINFO (\"SUBSCRIBED\" \"OTHER\") \"OLDNAME\" (\"Old&AOQ-\"))\r\n");
        Assert.That(entry.Name, Is.EqualTo("Foo"));
        Assert.That(entry.ChildInfo, Is.EqualTo(new[] { "SUBSCRIBED", "OTHER" }));
        Assert.That(entry.OldName, Is.EqualTo("Oldä"));
        Assert.That(entry.IsSelectable, Is.False, "\\NonExistent cannot be selected");
    }

    [Test]
    public void Status_reads_every_known_item_and_skips_unknown_ones_of_any_shape()
    {
        var status = Parse<ImapMailboxStatusResponse>("* STATUS \"Entw&APw-rfe\" (MESSAGES 3 RECENT 1 UIDNEXT 9 UIDVALIDITY 77 UNSEEN 2 " +
            "MAILBOXID (F2212ea87-6097-4256-9d51-71338625) DELETED 1 APPENDLIMIT 1000 SIZE 5000000000 HIGHESTMODSEQ 18446744073709551615 )\r\n").Status;
        Assert.That(status.Mailbox, Is.EqualTo("Entwürfe"));
        Assert.That((status.Messages, status.Recent, status.UidNext, status.UidValidity, status.Unseen, status.Deleted),
            Is.EqualTo(((uint?)3, (uint?)1, (uint?)9, (uint?)77, (uint?)2, (uint?)1)));
        Assert.That(status.Size, Is.EqualTo(5_000_000_000UL));
        Assert.That(status.HighestModSeq, Is.EqualTo(ulong.MaxValue));
    }

    [Test]
    public void Status_with_a_literal_name_and_no_items()
    {
        var status = Parse<ImapMailboxStatusResponse>("* STATUS {5}\r\nA (B) ()\r\n").Status;
        Assert.That(status.Mailbox, Is.EqualTo("A (B)"));
        Assert.That(status.Messages, Is.Null);
    }

    [Test]
    public void Namespace_with_nil_kinds()
    {
        var namespaces = Parse<ImapNamespaceResponse>("* NAMESPACE ((\"\" \"/\")) NIL NIL\r\n").Namespaces;
        Assert.That(namespaces.Personal, Has.Count.EqualTo(1));
        Assert.That((namespaces.Personal[0].Prefix, namespaces.Personal[0].Delimiter), Is.EqualTo(("", (char?)'/')));
        Assert.That(namespaces.Personal[0].Extensions, Is.Empty);
        Assert.That(namespaces.OtherUsers, Is.Empty);
        Assert.That(namespaces.Shared, Is.Empty);
    }

    [Test]
    public void Namespace_with_several_descriptions_nil_delimiters_encoded_prefixes_and_extensions()
    {
        var namespaces = Parse<ImapNamespaceResponse>(
            "* NAMESPACE ((\"INBOX.\" \".\")) ((\"~\" NIL)) ((\"#shared/\" \"/\")(\"#&AOQ-ffentlich/\" \"/\" \"X-PARAM\" (\"FLAG1\" \"FLAG2\")))\r\n").Namespaces;
        Assert.That((namespaces.Personal[0].Prefix, namespaces.Personal[0].Delimiter), Is.EqualTo(("INBOX.", (char?)'.')));
        Assert.That((namespaces.OtherUsers[0].Prefix, namespaces.OtherUsers[0].Delimiter), Is.EqualTo(("~", (char?)null)));
        Assert.That(namespaces.Shared.Select(n => n.Prefix), Is.EqualTo(new[] { "#shared/", "#äffentlich/" }));
        Assert.That(namespaces.Shared[1].Extensions["x-param"], Is.EqualTo(new[] { "FLAG1", "FLAG2" }), "extension names are case-insensitive");
    }
}
