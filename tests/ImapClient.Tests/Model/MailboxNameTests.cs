using ImapClient.Protocol;

namespace ImapClient.Tests.Model;

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

    [Test]
    public void A_malformed_shift_is_kept_verbatim() =>
        Assert.That(MailboxName.Decode("a&!!!-b"), Is.EqualTo("a&!!!-b"));
}
