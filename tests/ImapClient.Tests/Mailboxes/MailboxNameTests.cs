using ImapClient.Protocol;

namespace ImapClient.Tests.Mailboxes;

/// <summary>Modified UTF-7 (RFC 3501 section 5.1.3).</summary>
public class MailboxNameTests
{
    [TestCase("INBOX", "INBOX")]
    [TestCase("Tom & Jerry", "Tom &- Jerry")]
    [TestCase("~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-")]
    [TestCase("Entwürfe", "Entw&APw-rfe")]
    [TestCase("Входящие", "&BBIERQQ+BDQETwRJBDgENQ-")] // expected value computed with Python's utf-16-be + base64
    public void Names_encode_as_the_rfc_shows_and_decode_back(string name, string encoded)
    {
        Assert.That(MailboxName.Encode(name), Is.EqualTo(encoded));
        Assert.That(MailboxName.Decode(encoded), Is.EqualTo(name));
    }

    [TestCase("&&", "&-&-")]
    [TestCase("a-&-b", "a-&--b")]
    [TestCase("📧 Post", "&2D3c5w- Post")]
    [TestCase("Ünïcödé & more/子", "&ANw-n&AO8-c&APY-d&AOk- &- more/&W1A-")]
    [TestCase("tab\there", "tab&AAk-here")]
    public void Ampersands_surrogate_pairs_and_control_characters_round_trip(string name, string encoded)
    {
        Assert.That(MailboxName.Encode(name), Is.EqualTo(encoded));
        Assert.That(MailboxName.Decode(encoded), Is.EqualTo(name));
    }

    [Test]
    public void With_utf8_names_agreed_the_wire_form_is_the_name_itself()
    {
        Assert.That(MailboxName.ToWire("Tom & Jerry/Входящие", utf8: true), Is.EqualTo("Tom & Jerry/Входящие"));
        Assert.That(MailboxName.FromWire("Tom &- Jerry", utf8: true), Is.EqualTo("Tom &- Jerry"));
        Assert.That(MailboxName.ToWire("Tom & Jerry", utf8: false), Is.EqualTo("Tom &- Jerry"));
        Assert.That(MailboxName.FromWire("Tom &- Jerry", utf8: false), Is.EqualTo("Tom & Jerry"));
    }

    [Test]
    public void A_long_name_round_trips()
    {
        var name = string.Concat(Enumerable.Repeat("Жизнь & 🌍 ", 60));
        Assert.That(MailboxName.Decode(MailboxName.Encode(name)), Is.EqualTo(name));
    }

    [TestCase("a&!!!-b&AOQ-", "a&!!!-bä")]
    [TestCase("&A-x", "&A-x")]
    [TestCase("open&AOQ", "open&AOQ")]
    public void Malformed_shifts_stay_as_sent_and_the_rest_still_decodes(string encoded, string decoded) =>
        Assert.That(MailboxName.Decode(encoded), Is.EqualTo(decoded));

    [Test]
    public void A_malformed_shift_is_kept_verbatim() =>
        Assert.That(MailboxName.Decode("a&!!!-b"), Is.EqualTo("a&!!!-b"));
}
