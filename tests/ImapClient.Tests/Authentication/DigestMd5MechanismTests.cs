using System.Security.Authentication;
using System.Text;
using ImapClient.Sasl;

namespace ImapClient.Tests.Authentication;

public class DigestMd5MechanismTests
{
    private const string RfcChallenge =
        "realm=\"elwood.innosoft.com\",nonce=\"OA6MG9tEQGm2hh\",qop=\"auth\",algorithm=md5-sess,charset=utf-8";

    [Test]
    public void Matches_the_RFC_2831_section_4_example()
    {
        var mechanism = CreateRfcMechanism();

        var response = Encoding.UTF8.GetString(mechanism.Respond(Encoding.ASCII.GetBytes(RfcChallenge)));

        Assert.Multiple(() =>
        {
            Assert.That(response, Is.EqualTo(
                "username=\"chris\",realm=\"elwood.innosoft.com\",nonce=\"OA6MG9tEQGm2hh\",cnonce=\"OA6MHXh6VqTrRk\","
                + "nc=00000001,qop=auth,digest-uri=\"imap/elwood.innosoft.com\",response=d388dad90d4bbd760a152321f2143af7,charset=utf-8"));
            var fields = Fields(response);
            Assert.That(fields["username"], Is.EqualTo("chris"));
            Assert.That(fields["realm"], Is.EqualTo("elwood.innosoft.com"));
            Assert.That(fields["nonce"], Is.EqualTo("OA6MG9tEQGm2hh"));
            Assert.That(fields["cnonce"], Is.EqualTo("OA6MHXh6VqTrRk"));
            Assert.That(fields["nc"], Is.EqualTo("00000001"));
            Assert.That(fields["qop"], Is.EqualTo("auth"));
            Assert.That(fields["digest-uri"], Is.EqualTo("imap/elwood.innosoft.com"));
            Assert.That(fields["response"], Is.EqualTo("d388dad90d4bbd760a152321f2143af7"));
            Assert.That(fields["charset"], Is.EqualTo("utf-8"));
            Assert.That(fields, Does.Not.ContainKey("maxbuf"));
            Assert.That(mechanism.IsCompleted, Is.False);
        });
    }

    [Test]
    public void Accepts_the_RFC_2831_rspauth_and_completes()
    {
        var mechanism = CreateRfcMechanism();
        mechanism.Respond(Encoding.ASCII.GetBytes(RfcChallenge));

        var final = mechanism.Respond("rspauth=ea40f60335c427b5527b84dbabcdfffd"u8);

        Assert.Multiple(() =>
        {
            Assert.That(final, Is.Empty);
            Assert.That(mechanism.IsCompleted, Is.True);
        });
    }

    [Test]
    public void Accepts_a_quoted_uppercase_rspauth()
    {
        var mechanism = CreateRfcMechanism();
        mechanism.Respond(Encoding.ASCII.GetBytes(RfcChallenge));

        mechanism.Respond("rspauth=\"EA40F60335C427B5527B84DBABCDFFFD\""u8);

        Assert.That(mechanism.IsCompleted, Is.True);
    }

    [TestCase("rspauth=ea40f60335c427b5527b84dbabcdfffe")]
    [TestCase("rspauth=d388dad90d4bbd760a152321f2143af7")]
    [TestCase("rspauth=ea40f60335c427b5527b84dbabcdff")]
    [TestCase("rspauth=not-hex")]
    [TestCase("rspauth=")]
    public void Rejects_a_wrong_rspauth(string reply)
    {
        var mechanism = CreateRfcMechanism();
        mechanism.Respond(Encoding.ASCII.GetBytes(RfcChallenge));

        Assert.Multiple(() =>
        {
            Assert.That(
                () => mechanism.Respond(Encoding.ASCII.GetBytes(reply)),
                Throws.TypeOf<AuthenticationException>().With.Message.Contains("rspauth did not match"));
            Assert.That(mechanism.IsCompleted, Is.False);
        });
    }

    [TestCase("")]
    [TestCase("something=else")]
    public void Rejects_a_reply_without_rspauth(string reply)
    {
        var mechanism = CreateRfcMechanism();
        mechanism.Respond(Encoding.ASCII.GetBytes(RfcChallenge));

        Assert.That(
            () => mechanism.Respond(Encoding.ASCII.GetBytes(reply)),
            Throws.TypeOf<AuthenticationException>().With.Message.Contains("no rspauth"));
    }

    [Test]
    public void A_challenge_after_completion_throws()
    {
        var mechanism = CreateRfcMechanism();
        mechanism.Respond(Encoding.ASCII.GetBytes(RfcChallenge));
        mechanism.Respond("rspauth=ea40f60335c427b5527b84dbabcdfffd"u8);

        Assert.That(() => mechanism.Respond("rspauth=ea40f60335c427b5527b84dbabcdfffd"u8), Throws.InvalidOperationException);
    }

    [Test]
    public void A_challenge_after_a_failure_throws()
    {
        var mechanism = CreateRfcMechanism();
        mechanism.Respond(Encoding.ASCII.GetBytes(RfcChallenge));
        Assert.That(() => mechanism.Respond("rspauth=00"u8), Throws.TypeOf<AuthenticationException>());

        Assert.That(() => mechanism.Respond("rspauth=ea40f60335c427b5527b84dbabcdfffd"u8), Throws.InvalidOperationException);
    }

    [Test]
    public void An_invalid_first_challenge_fails_the_exchange()
    {
        var mechanism = CreateRfcMechanism();

        Assert.Multiple(() =>
        {
            Assert.That(() => mechanism.Respond("realm=\"r\",algorithm=md5-sess"u8), Throws.TypeOf<AuthenticationException>());
            Assert.That(() => mechanism.Respond(Encoding.ASCII.GetBytes(RfcChallenge)), Throws.InvalidOperationException);
        });
    }

    [Test]
    public void Is_server_first()
    {
        var mechanism = new DigestMd5Mechanism("chris", "secret", "elwood.innosoft.com");

        Assert.Multiple(() =>
        {
            Assert.That(mechanism.Name, Is.EqualTo("DIGEST-MD5"));
            Assert.That(mechanism.SupportsInitialResponse, Is.False);
            Assert.That(() => mechanism.GetInitialResponse(), Throws.InvalidOperationException);
        });
    }

    [Test]
    public void Dovecot_empty_realm_sends_no_realm_and_hashes_an_empty_one()
    {
        // Expected values computed independently with A1 = H("user::pass") : nonce : cnonce.
        var mechanism = new DigestMd5Mechanism("user", "pass", "imap.example.net", null, "cn0nce");

        var response = Fields(mechanism.Respond("realm=\"\",nonce=\"n0nce\",qop=\"auth\",charset=\"utf-8\",algorithm=\"md5-sess\""u8));
        mechanism.Respond("rspauth=3d121613e8335662c7ac1ecc9bb1ed1e"u8);

        Assert.Multiple(() =>
        {
            Assert.That(response, Does.Not.ContainKey("realm"));
            Assert.That(response["response"], Is.EqualTo("fe75f11f5d762f0076d63ef1da35ccd6"));
            Assert.That(mechanism.IsCompleted, Is.True);
        });
    }

    [Test]
    public void No_realm_in_the_challenge_sends_none()
    {
        var mechanism = new DigestMd5Mechanism("user", "pass", "imap.example.net", null, "cn0nce");

        var response = Fields(mechanism.Respond("nonce=\"n0nce\",qop=\"auth\",algorithm=md5-sess"u8));

        Assert.Multiple(() =>
        {
            Assert.That(response, Does.Not.ContainKey("realm"));
            Assert.That(response, Does.Not.ContainKey("charset"));
            Assert.That(response["response"], Is.EqualTo("fe75f11f5d762f0076d63ef1da35ccd6"));
        });
    }

    [Test]
    public void The_first_offered_realm_is_used()
    {
        var mechanism = new DigestMd5Mechanism("user", "pass", "imap.example.net", null, "c");

        var response = Fields(mechanism.Respond("realm=\"one.example\",realm=\"two.example\",nonce=\"n\",algorithm=md5-sess"u8));

        Assert.That(response["realm"], Is.EqualTo("one.example"));
    }

    [Test]
    public void The_callers_realm_wins_over_the_offered_ones()
    {
        var mechanism = new DigestMd5Mechanism("user", "pass", "imap.example.net", "two.example", "c");

        var response = Fields(mechanism.Respond("realm=\"one.example\",realm=\"two.example\",nonce=\"n\",algorithm=md5-sess"u8));

        Assert.That(response["realm"], Is.EqualTo("two.example"));
    }

    [Test]
    public void Quoted_values_are_escaped_in_the_response()
    {
        var mechanism = new DigestMd5Mechanism("a\"b\\c", "pass", "imap.example.net", null, "c");

        var raw = Encoding.UTF8.GetString(mechanism.Respond("nonce=\"x\\\"y,z\",algorithm=md5-sess"u8));

        Assert.Multiple(() =>
        {
            Assert.That(raw, Does.StartWith("username=\"a\\\"b\\\\c\",nonce=\"x\\\"y,z\","));
            Assert.That(Fields(raw)["username"], Is.EqualTo("a\"b\\c"));
            Assert.That(Fields(raw)["nonce"], Is.EqualTo("x\"y,z"));
        });
    }

    [Test]
    public void Latin1_representable_credentials_are_hashed_as_ISO_8859_1_under_charset_utf8()
    {
        // Expected: A1 inner hash over ISO-8859-1 bytes of "jürgen:exämple.org:pässwörd", computed independently.
        var mechanism = new DigestMd5Mechanism("jürgen", "pässwörd", "mail.example.org", null, "xyz");

        var raw = mechanism.Respond("realm=\"exämple.org\",nonce=\"abc\",qop=\"auth\",algorithm=md5-sess,charset=utf-8"u8);

        Assert.Multiple(() =>
        {
            var fields = Fields(Encoding.UTF8.GetString(raw));
            Assert.That(fields["response"], Is.EqualTo("91238fa66c5f6dcc43f627f7d21a5a7c"));
            Assert.That(fields["username"], Is.EqualTo("jürgen"), "charset=utf-8 puts UTF-8 on the wire even though the hash uses Latin-1");
            Assert.That(fields["realm"], Is.EqualTo("exämple.org"));
        });
    }

    [Test]
    public void The_ISO_8859_1_rule_applies_to_each_string_on_its_own()
    {
        // The user name and realm fit in ISO-8859-1 and are converted; the Cyrillic password cannot and stays UTF-8.
        // (Converting all three only when all fit would give 77cf9325e893a074267629c3e0955f65.)
        var mechanism = new DigestMd5Mechanism("jürgen", "пароль", "mail.example.org", null, "xyz");

        var raw = mechanism.Respond("realm=\"exämple.org\",nonce=\"abc\",qop=\"auth\",algorithm=md5-sess,charset=utf-8"u8);

        Assert.That(Fields(Encoding.UTF8.GetString(raw))["response"], Is.EqualTo("e53fec2f087db4716fdd3fc6c5393037"));
    }

    [Test]
    public void Non_latin1_credentials_are_hashed_as_utf8()
    {
        // "jürgen:exämple.org:pässwörd" would be Latin-1; adding a non-Latin-1 character to each keeps them UTF-8.
        var mechanism = new DigestMd5Mechanism("jürgen€", "pässwörd€", "mail.example.org", "exämple.org€", "xyz");

        var raw = mechanism.Respond("nonce=\"abc\",qop=\"auth\",algorithm=md5-sess,charset=utf-8"u8);

        Assert.That(Fields(Encoding.UTF8.GetString(raw))["response"], Is.EqualTo("969b1955f8b6002ecebe2096353911fe"));
    }

    [Test]
    public void Without_charset_the_response_is_ISO_8859_1()
    {
        var mechanism = new DigestMd5Mechanism("jürgen", "pässwörd", "mail.example.org", null, "xyz");

        var raw = mechanism.Respond(Encoding.Latin1.GetBytes("realm=\"exämple.org\",nonce=\"abc\",qop=\"auth\",algorithm=md5-sess"));

        Assert.Multiple(() =>
        {
            var fields = Fields(Encoding.Latin1.GetString(raw));
            Assert.That(fields["response"], Is.EqualTo("91238fa66c5f6dcc43f627f7d21a5a7c"));
            Assert.That(fields["username"], Is.EqualTo("jürgen"));
            Assert.That(fields["realm"], Is.EqualTo("exämple.org"));
            Assert.That(fields, Does.Not.ContainKey("charset"));
        });
    }

    [Test]
    public void The_random_cnonce_is_long_and_fresh()
    {
        var first = Fields(new DigestMd5Mechanism("u", "p", "h").Respond("nonce=\"n\",algorithm=md5-sess"u8))["cnonce"];
        var second = Fields(new DigestMd5Mechanism("u", "p", "h").Respond("nonce=\"n\",algorithm=md5-sess"u8))["cnonce"];

        Assert.Multiple(() =>
        {
            Assert.That(Convert.FromBase64String(first), Has.Length.GreaterThanOrEqualTo(16));
            Assert.That(second, Is.Not.EqualTo(first));
        });
    }

    private static DigestMd5Mechanism CreateRfcMechanism() =>
        new("chris", "secret", "elwood.innosoft.com", null, "OA6MHXh6VqTrRk");

    private static Dictionary<string, string> Fields(byte[] response) => Fields(Encoding.UTF8.GetString(response));

    private static Dictionary<string, string> Fields(string response) =>
        DigestMd5Challenge.ParseDirectives(response).ToDictionary(pair => pair.Key, pair => pair.Value);
}
