namespace ImapClient.Tests.Security;

/// <summary>The forms ImapCertificateValidation.PinSha256 takes, and the ones it refuses at once.</summary>
public class CertificatePinningTests
{
    [TestCase("")]
    [TestCase("3A1F")]
    [TestCase("SHA256:3A1F")]
    [TestCase("zz00000000000000000000000000000000000000000000000000000000000000")]
    [TestCase("00000000000000000000000000000000000000000000000000000000000000000")]
    [TestCase("0000000000000000000000000000000000000000")]
    public void A_text_that_is_not_a_SHA256_fingerprint_is_refused_when_the_callback_is_made(string text)
    {
        var ex = Assert.Throws<ArgumentException>(() => ImapCertificateValidation.PinSha256(text));
        Assert.That(ex!.ParamName, Is.EqualTo("sha256Fingerprint"));
        Assert.That(ex.Message, Does.StartWith("A SHA-256 fingerprint is 64 hexadecimal digits, upper or lower case, optionally in pairs separated by colons"));
    }

    [Test]
    public void No_certificate_is_accepted()
    {
        var callback = ImapCertificateValidation.PinSha256(new string('a', 64));
        Assert.That(callback(this, null, null, System.Net.Security.SslPolicyErrors.RemoteCertificateNotAvailable), Is.False);
    }
}
