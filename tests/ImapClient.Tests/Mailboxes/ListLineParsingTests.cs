using System.Text;
using ImapClient.Protocol;
using ImapClient.Tests.Infrastructure;

namespace ImapClient.Tests.Mailboxes;

/// <summary>
/// The LIST parser's short path (a quoted name of up to 256 characters without escapes, decoded from a buffer, so
/// the name is the only string made) and the attribute table. Whole (the short path) and byte by byte (the general
/// path), so each case also proves both read the same.
/// </summary>
[TestFixture(0)]
[TestFixture(1)]
public class ListLineParsingTests(int segmentSize) : FetchParsingFixture(segmentSize)
{
    private MailboxListEntry List(string response, ImapQuirks quirks = ImapQuirks.All, bool utf8Names = false)
    {
        var limits = new ImapLimits { Quirks = quirks };
        var parsed = ResponseParser.Parse(Sequence(response), limits, utf8Names: utf8Names);
        Assert.That(parsed.Response, Is.TypeOf<ImapListResponse>());
        return ((ImapListResponse)parsed.Response).Mailbox;
    }

    private static string Long(int length) => string.Concat(Enumerable.Repeat("Abc&AOQ-/", (length / 9) + 1))[..length];

    [TestCase("\"INBOX\"", "INBOX")]
    [TestCase("\"\"", "")]
    [TestCase("\"&-\"", "&")]
    [TestCase("\"Entw&APw-rfe 2004/Build 3454\"", "Entwürfe 2004/Build 3454")]
    [TestCase("\"&BBIERQQ+BDQETwRJBDgENQ-\"", "Входящие")]
    [TestCase("\"a&!!!-b&AOQ-\"", "a&!!!-bä")]
    [TestCase("\"open&AOQ\"", "open&AOQ")]
    [TestCase("\"tab\there\"", "tab\there")]
    [TestCase("\"Tom \\\"&AOQ-\\\" Jerry\"", "Tom \"ä\" Jerry")]
    [TestCase("\"Archive [2024]\"", "Archive [2024]")]
    [TestCase("INBOX", "INBOX")]
    [TestCase("{9}\r\nEntw&APw-", "Entwü")]
    public void Quoted_names_decode_as_on_the_general_path(string wire, string name) =>
        Assert.That(List($"* LIST (\\HasNoChildren) \"/\" {wire}\r\n").Name, Is.EqualTo(name));

    [TestCase(255)]
    [TestCase(256)]
    [TestCase(257)]
    [TestCase(1000)]
    public void Names_around_and_beyond_the_buffer_decode_alike(int length)
    {
        var wire = Long(length);
        var entry = List($"* LIST () \"/\" \"{wire}\"\r\n");
        Assert.That(entry.Name, Is.EqualTo(MailboxName.Decode(wire)));
    }

    [Test]
    public void With_utf8_names_agreed_a_short_quoted_name_is_not_decoded() =>
        Assert.That(List("* LIST () \"/\" \"Tom &- Jerry\"\r\n", utf8Names: true).Name, Is.EqualTo("Tom &- Jerry"));

    [Test]
    public void An_eight_bit_name_is_decoded_as_utf8_when_tolerated_and_refused_when_strict()
    {
        const string Response = "* LIST () \"/\" \"Entwürfe &AOQ-\"\r\n";
        Assert.That(List(Response).Name, Is.EqualTo("Entwürfe ä"));
        Assert.That(
            () => List(Response, ImapQuirks.All & ~ImapQuirks.EightBitQuotedStrings),
            Throws.TypeOf<ImapProtocolException>().With.Message.Contains("EightBitQuotedStrings"));
    }

    [Test]
    public void An_unescaped_quote_in_a_name_is_tolerated_or_refused_as_before()
    {
        const string Response = "* LIST () \"/\" \"say \"hi\"there &AOQ-\"\r\n";
        Assert.That(List(Response).Name, Is.EqualTo("say \"hi\"there ä"));
        Assert.That(
            () => List(Response, ImapQuirks.All & ~ImapQuirks.UnescapedQuotes),
            Throws.TypeOf<ImapProtocolException>());
    }

    [Test]
    public void A_short_quoted_name_followed_by_extended_data_keeps_it()
    {
        var entry = List("* LIST (\\HasChildren) \"/\" \"Entw&APw-rfe\" (\"CHILDINFO\" (\"SUBSCRIBED\") \"OLDNAME\" (\"Alt&AOQ-\"))\r\n");
        Assert.That(entry.Name, Is.EqualTo("Entwürfe"));
        Assert.That(entry.ChildInfo, Is.EqualTo(new[] { "SUBSCRIBED" }));
        Assert.That(entry.OldName, Is.EqualTo("Altä"));
    }

    [Test]
    public void Every_attribute_of_the_table_is_found_in_any_case()
    {
        foreach (var (attribute, name) in MailboxAttributeNames.All)
        {
            foreach (var spelling in new[] { name, name.ToUpperInvariant(), name.ToLowerInvariant() })
            {
                var entry = List($"* LIST ({spelling}) \"/\" x\r\n");
                Assert.That(entry.Attributes, Is.EqualTo(attribute), spelling);
                Assert.That(entry.OtherAttributes, Is.Empty, spelling);
            }
        }
    }

    [TestCase("\\Noinferiorz")]
    [TestCase("\\NonExistenz")]
    [TestCase("\\HasChildrez")]
    [TestCase("\\HasNoChildrez")]
    [TestCase("\\Sento")]
    [TestCase("\\Junq")]
    [TestCase("\\Al")]
    [TestCase("\\Alll")]
    [TestCase("\\Xrchive")]
    [TestCase("\\Drafts2")]
    [TestCase("Drafts")]
    [TestCase("\\\\Trash")]
    public void Near_misses_stay_unknown_and_are_kept_as_sent(string atom)
    {
        var entry = List($"* LIST ({atom} \\Marked) \"/\" x\r\n");
        Assert.That(entry.Attributes, Is.EqualTo(MailboxAttributes.Marked));
        Assert.That(entry.OtherAttributes, Is.EqualTo(new[] { atom }));
    }

    [Test]
    public void An_entry_without_extended_data_reports_empty_lists_and_no_status()
    {
        var entry = List("* LIST (\\HasNoChildren) \"/\" \"Archive\"\r\n");
        Assert.That(entry.OtherAttributes, Is.Empty);
        Assert.That(entry.ChildInfo, Is.Empty);
        Assert.That(entry.OldName, Is.Null);
        Assert.That(entry.Status, Is.Null);

        var status = new MailboxStatus("Archive");
        entry.Status = status;
        Assert.That(entry.Status, Is.SameAs(status));
        Assert.That(entry.OtherAttributes, Is.Empty);
        entry.Status = null;
        Assert.That(entry.Status, Is.Null);
    }

    [Test]
    public void A_name_with_every_ascii_character_round_trips_through_the_encoder()
    {
        var name = new StringBuilder();
        for (var c = ' '; c <= '~'; c++)
        {
            name.Append(c);
        }

        name.Append("ÄÖÜ 台北 📧");
        var wire = MailboxName.Encode(name.ToString()).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        Assert.That(List($"* LIST () \"/\" \"{wire}\"\r\n").Name, Is.EqualTo(name.ToString()));
    }
}
