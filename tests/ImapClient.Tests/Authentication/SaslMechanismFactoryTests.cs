using System.Net;
using ImapClient.Sasl;

namespace ImapClient.Tests.Authentication;

public class SaslMechanismFactoryTests
{
    private static readonly NetworkCredential Credential = new("user", "pencil");

    [TestCase("PLAIN", typeof(PlainMechanism))]
    [TestCase("LOGIN", typeof(LoginMechanism))]
    [TestCase("CRAM-MD5", typeof(CramMd5Mechanism))]
    [TestCase("DIGEST-MD5", typeof(DigestMd5Mechanism))]
    [TestCase("SCRAM-SHA-1", typeof(ScramMechanism))]
    [TestCase("SCRAM-SHA-256", typeof(ScramMechanism))]
    [TestCase("scram-sha-256", typeof(ScramMechanism))]
    [TestCase("Plain", typeof(PlainMechanism))]
    public void Creates_the_password_based_mechanisms(string name, Type type)
    {
        var mechanism = SaslMechanismFactory.Create(name, Credential, "imap.example.net");

        Assert.Multiple(() =>
        {
            Assert.That(mechanism, Is.TypeOf(type));
            Assert.That(mechanism!.Name, Is.EqualTo(name.ToUpperInvariant()));
        });
    }

    [TestCase("XOAUTH2")]
    [TestCase("OAUTHBEARER")]
    [TestCase("EXTERNAL")]
    [TestCase("GSSAPI")]
    [TestCase("SCRAM-SHA-256-PLUS")]
    [TestCase("")]
    public void Returns_null_for_other_names(string name) =>
        Assert.That(SaslMechanismFactory.Create(name, Credential, "imap.example.net"), Is.Null);

    [Test]
    public void The_credentials_reach_the_mechanism()
    {
        var mechanism = SaslMechanismFactory.Create("PLAIN", new NetworkCredential("tim", "secret"), "imap.example.net")!;

        Assert.That(mechanism.GetInitialResponse(), Is.EqualTo("\0tim\0secret"u8.ToArray()));
    }

    [Test]
    public void The_domain_is_the_DIGEST_MD5_realm_and_the_host_its_digest_uri()
    {
        var mechanism = SaslMechanismFactory.Create("DIGEST-MD5", new NetworkCredential("chris", "secret", "two.example"), "imap.example.net")!;

        var response = System.Text.Encoding.UTF8.GetString(
            mechanism.Respond("realm=\"one.example\",realm=\"two.example\",nonce=\"n\",algorithm=md5-sess"u8));

        Assert.Multiple(() =>
        {
            Assert.That(response, Does.Contain("realm=\"two.example\""));
            Assert.That(response, Does.Contain("digest-uri=\"imap/imap.example.net\""));
        });
    }

    [Test]
    public void The_preference_order_puts_SCRAM_first_and_plaintext_last() =>
        Assert.That(
            SaslMechanismFactory.PreferenceOrder,
            Is.EqualTo(new[] { "SCRAM-SHA-256", "SCRAM-SHA-1", "DIGEST-MD5", "CRAM-MD5", "PLAIN", "LOGIN" }));

    [Test]
    public void Every_preferred_mechanism_can_be_created()
    {
        foreach (var name in SaslMechanismFactory.PreferenceOrder)
        {
            Assert.That(SaslMechanismFactory.Create(name, Credential, "imap.example.net"), Is.Not.Null, name);
        }
    }

    [TestCase("PLAIN", true)]
    [TestCase("login", true)]
    [TestCase("CRAM-MD5", false)]
    [TestCase("DIGEST-MD5", false)]
    [TestCase("SCRAM-SHA-1", false)]
    [TestCase("SCRAM-SHA-256", false)]
    [TestCase("XOAUTH2", false)]
    public void Only_PLAIN_and_LOGIN_are_plaintext(string name, bool expected) =>
        Assert.That(SaslMechanismFactory.IsPlaintext(name), Is.EqualTo(expected));

    [Test]
    public void The_names_are_the_registered_ones()
    {
        Assert.Multiple(() =>
        {
            Assert.That(SaslMechanismNames.Plain, Is.EqualTo("PLAIN"));
            Assert.That(SaslMechanismNames.Login, Is.EqualTo("LOGIN"));
            Assert.That(SaslMechanismNames.CramMd5, Is.EqualTo("CRAM-MD5"));
            Assert.That(SaslMechanismNames.DigestMd5, Is.EqualTo("DIGEST-MD5"));
            Assert.That(SaslMechanismNames.ScramSha1, Is.EqualTo("SCRAM-SHA-1"));
            Assert.That(SaslMechanismNames.ScramSha256, Is.EqualTo("SCRAM-SHA-256"));
            Assert.That(SaslMechanismNames.XOAuth2, Is.EqualTo("XOAUTH2"));
            Assert.That(SaslMechanismNames.OAuthBearer, Is.EqualTo("OAUTHBEARER"));
            Assert.That(SaslMechanismNames.External, Is.EqualTo("EXTERNAL"));
        });
    }
}
