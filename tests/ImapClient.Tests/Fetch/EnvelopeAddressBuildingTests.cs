using System.Text;
using ImapClient.Protocol;
using MimeKit;
using MimeKit.Utils;
using ImapClient.Tests.Infrastructure;

namespace ImapClient.Tests.Fetch;

/// <summary>
/// How a FETCH result's envelope builds its addresses: the common <c>(name NIL "mailbox" "host")</c> read straight
/// from the buffer, everything else the general way, the lists built on first read, RFC 2047 names decoded once per
/// thread. Whatever path an address takes, it comes out as MimeKit would read the same header.
/// </summary>
[TestFixture(0)]
[TestFixture(1)]
public sealed class EnvelopeAddressBuildingTests(int segmentSize) : FetchParsingFixture(segmentSize)
{
    private Envelope ParseEnvelope(string from, string to = "NIL", string cc = "NIL")
    {
        var message = Fetch($"* 1 FETCH (ENVELOPE (NIL \"s\" {from} {from} {from} {to} {cc} NIL NIL \"<id@x.test>\") UID 77)\r\n");
        Assert.That(message.Uid, Is.EqualTo(77u));
        return message.Envelope!;
    }

    /// <summary>What MimeKit's own decoder makes of a phrase: the reference for encoded names.</summary>
    private static string Decoded(string encoded) => Rfc2047.DecodePhrase(Encoding.UTF8.GetBytes(encoded));

    [TestCase("\"Joe Smith\"", "Joe Smith")]
    [TestCase("NIL", null)]
    [TestCase("\"\"", null)]
    [TestCase("{9}\r\nJoe Smith", "Joe Smith")]
    [TestCase("\"Joe \\\"JJ\\\" Smith\"", "Joe \"JJ\" Smith")]
    [TestCase("\"J\u00fcrgen M\u00fcller\"", "J\u00fcrgen M\u00fcller")]
    public void A_plain_address_keeps_its_name_and_addr_spec(string name, string? expected)
    {
        var envelope = ParseEnvelope($"(({name} NIL \"joe\" \"x.test\"))");
        AssertSingleMailbox(envelope.From, expected, "joe@x.test");
    }

    [TestCase("=?UTF-8?B?SsO8cmdlbg==?=")]
    [TestCase("=?iso-8859-1?Q?J=FCrgen?=")]
    [TestCase("=?iso-8859-2?Q?=A3=F3d=BC?=")]
    [TestCase("=?KOI8-R?B?8NLJ18XU?=")]
    [TestCase("=?ISO-2022-JP?B?GyRCJDMkcyRLJEEkTxsoQg==?=")]
    [TestCase("=?GB2312?B?xOO6ww==?=")]
    [TestCase("=?x-unknown-charset?Q?abc?=")]
    [TestCase("=?UTF-8?Q?Ren=C3=A9e?= Dubois")]
    public void An_encoded_name_is_decoded_as_MimeKit_decodes_it(string encoded)
    {
        var envelope = ParseEnvelope($"((\"{encoded}\" NIL \"a\" \"x.test\"))");
        AssertSingleMailbox(envelope.From, Decoded(encoded), "a@x.test");
    }

    [Test]
    public void A_local_part_that_needs_quotes_is_quoted_as_MimeKit_quotes_it()
    {
        var envelope = ParseEnvelope("((\"A\" NIL \"john doe\" \"x.test\")(NIL NIL \"a.b\" \"x.test\"))");
        Assert.That(envelope.From, Has.Count.EqualTo(2));
        AssertMailbox(envelope.From[0], "A", MailboxAddress.Parse("\"john doe\"@x.test").Address);
        AssertMailbox(envelope.From[1], null, "a.b@x.test");
    }

    [Test]
    public void Group_syntax_around_plain_addresses_makes_a_group()
    {
        var envelope = ParseEnvelope("NIL", to: "((NIL NIL \"team\" NIL)(\"Ann\" NIL \"ann\" \"x.test\")(NIL NIL \"bob\" \"y.test\")(NIL NIL NIL NIL)(\"Cy\" NIL \"cy\" \"z.test\"))");
        Assert.That(envelope.To, Has.Count.EqualTo(2));
        Assert.That(envelope.To[0], Is.TypeOf<GroupAddress>());
        var group = (GroupAddress)envelope.To[0];
        Assert.That(group.Name, Is.EqualTo("team"));
        Assert.That(group.Members, Has.Count.EqualTo(2));
        AssertMailbox(group.Members[0], "Ann", "ann@x.test");
        AssertMailbox(group.Members[1], null, "bob@y.test");
        AssertMailbox(envelope.To[1], "Cy", "cy@z.test");
    }

    [Test]
    public void NIL_mailbox_or_host_parts_take_the_general_path()
    {
        var envelope = ParseEnvelope("((\"Postmaster\" NIL \"postmaster\" NIL))", to: "((\"Only a name\" NIL NIL NIL)(NIL NIL \"a\" \"x.test\"))");
        AssertSingleMailbox(envelope.From, "Postmaster", "postmaster");
        Assert.That(envelope.To, Has.Count.EqualTo(2));
        AssertMailbox(envelope.To[0], "Only a name", "");
        AssertMailbox(envelope.To[1], null, "a@x.test");
    }

    [Test]
    public void Every_list_is_built_on_first_read_once_and_alike()
    {
        var envelope = ParseEnvelope("((\"Ann\" NIL \"ann\" \"x.test\"))", to: "((NIL NIL \"b\" \"y.test\")(NIL NIL \"c\" \"y.test\"))");
        var from = envelope.From;
        Assert.That(envelope.From, Is.SameAs(from), "one list per field");
        Assert.That(envelope.Sender, Is.Not.SameAs(envelope.From), "Sender is its own list");
        Assert.That(envelope.Sender[0], Is.Not.SameAs(envelope.From[0]), "addresses are not shared");
        AssertSingleMailbox(envelope.Sender, "Ann", "ann@x.test");
        AssertSingleMailbox(envelope.ReplyTo, "Ann", "ann@x.test");
        Assert.That(envelope.To.Mailboxes.Select(m => m.Address), Is.EqualTo(new[] { "b@y.test", "c@y.test" }));
        Assert.That(envelope.Cc, Is.Empty);
        Assert.That(envelope.Bcc, Is.Empty);
    }

    [Test]
    public void A_malformed_list_fails_the_envelope_read_not_a_later_list_read()
    {
        var response = "* 1 FETCH (ENVELOPE (NIL NIL ((\"A\" NIL \"a\" \"x.test\")) NIL NIL ((\"B\" \"b\" \"y.test\")) NIL NIL NIL NIL))\r\n";
        var parsed = ResponseParser.Parse(Sequence(response), new ImapLimits { Quirks = ImapQuirks.None });
        var message = ((ImapFetchResponse)parsed.Response).Message;
        var error = Assert.Throws<ImapProtocolException>(() => _ = message.Envelope);
        Assert.That(error!.Message, Does.Contain("an address with fewer than four fields"));
    }

    [Test]
    public void An_eight_bit_name_without_the_quirk_fails_the_envelope_read()
    {
        var response = "* 1 FETCH (ENVELOPE (NIL NIL ((\"J\u00fcrgen\" NIL \"j\" \"x.test\")) NIL NIL NIL NIL NIL NIL NIL))\r\n";
        var parsed = ResponseParser.Parse(Sequence(response), new ImapLimits { Quirks = ImapQuirks.None });
        var message = ((ImapFetchResponse)parsed.Response).Message;
        var error = Assert.Throws<ImapProtocolException>(() => _ = message.Envelope);
        Assert.That(error!.Message, Does.Contain("an 8-bit byte in a quoted string"));
    }

    [Test]
    public void More_distinct_encoded_names_than_the_cache_holds_each_decode_to_their_own_text()
    {
        var count = DecodedWords.Capacity + 50;
        var addresses = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            addresses.Append("(\"=?UTF-8?Q?N=C3=A4me_").Append(i).Append("?=\" NIL \"n").Append(i).Append("\" \"x.test\")");
        }

        // Read twice: the second pass finds some names in the table and some evicted.
        for (var pass = 0; pass < 2; pass++)
        {
            var envelope = ParseEnvelope("NIL", to: "(" + addresses + ")");
            Assert.That(envelope.To, Has.Count.EqualTo(count));
            for (var i = 0; i < count; i += 97)
            {
                AssertMailbox(envelope.To[i], "N\u00e4me " + i, $"n{i}@x.test");
            }
        }
    }
}
