using System.Security.Authentication;
using System.Text;
using ImapClient.Sasl;

namespace ImapClient.Tests.Authentication;

public class DigestMd5ChallengeTests
{
    [Test]
    public void Parses_the_RFC_2831_example_challenge()
    {
        var challenge = Parse("realm=\"elwood.innosoft.com\",nonce=\"OA6MG9tEQGm2hh\",qop=\"auth\",algorithm=md5-sess,charset=utf-8");

        Assert.Multiple(() =>
        {
            Assert.That(challenge.Realms, Is.EqualTo(new[] { "elwood.innosoft.com" }));
            Assert.That(challenge.Nonce, Is.EqualTo("OA6MG9tEQGm2hh"));
            Assert.That(challenge.QopOptions, Is.EqualTo(new[] { "auth" }));
            Assert.That(challenge.Algorithm, Is.EqualTo("md5-sess"));
            Assert.That(challenge.IsUtf8, Is.True);
            Assert.That(challenge.MaxBuffer, Is.Null);
            Assert.That(challenge.Ciphers, Is.Empty);
            Assert.That(challenge.Stale, Is.False);
        });
    }

    [Test]
    public void Quoted_values_keep_escaped_quotes_backslashes_and_commas()
    {
        var challenge = Parse("nonce=\"a\\\"b,c\\\\d\",realm=\"x,y\",algorithm=md5-sess");

        Assert.Multiple(() =>
        {
            Assert.That(challenge.Nonce, Is.EqualTo("a\"b,c\\d"));
            Assert.That(challenge.Realms, Is.EqualTo(new[] { "x,y" }));
        });
    }

    [Test]
    public void Dovecot_empty_realm_is_kept_as_an_empty_string()
    {
        var challenge = Parse("realm=\"\",nonce=\"n\",qop=\"auth\",charset=\"utf-8\",algorithm=\"md5-sess\"");

        Assert.Multiple(() =>
        {
            Assert.That(challenge.Realms, Is.EqualTo(new[] { string.Empty }));
            Assert.That(challenge.IsUtf8, Is.True);
        });
    }

    [Test]
    public void Multiple_realms_are_kept_in_order()
    {
        var challenge = Parse("realm=\"one.example\",nonce=\"n\",realm=\"two.example\",algorithm=md5-sess,realm=three.example");

        Assert.That(challenge.Realms, Is.EqualTo(new[] { "one.example", "two.example", "three.example" }));
    }

    [Test]
    public void Whitespace_around_commas_and_equals_and_empty_elements_are_tolerated()
    {
        var challenge = Parse(" realm = \"r\" ,\t nonce=\"n\" ,, \r\n qop=\"auth-int, auth ,auth-conf\" , algorithm = md5-sess ,");

        Assert.Multiple(() =>
        {
            Assert.That(challenge.Realms, Is.EqualTo(new[] { "r" }));
            Assert.That(challenge.Nonce, Is.EqualTo("n"));
            Assert.That(challenge.QopOptions, Is.EqualTo(new[] { "auth-int", "auth", "auth-conf" }));
        });
    }

    [Test]
    public void Unknown_directives_are_ignored()
    {
        var challenge = Parse("x-vendor=\"a,b=c\",nonce=\"n\",foo=bar,algorithm=md5-sess,empty=\"\"");

        Assert.That(challenge.Nonce, Is.EqualTo("n"));
    }

    [Test]
    public void Keys_and_fixed_values_are_case_insensitive()
    {
        var challenge = Parse("NONCE=\"n\",Algorithm=MD5-SESS,QOP=\"AUTH\",Charset=UTF-8,Stale=TRUE");

        Assert.Multiple(() =>
        {
            Assert.That(challenge.Nonce, Is.EqualTo("n"));
            Assert.That(challenge.IsUtf8, Is.True);
            Assert.That(challenge.Stale, Is.True);
        });
    }

    [Test]
    public void Parses_maxbuf_cipher_and_stale()
    {
        var challenge = Parse("nonce=\"n\",qop=\"auth,auth-conf\",cipher=\"rc4-40,rc4,3des\",maxbuf=65536,stale=true,algorithm=md5-sess");

        Assert.Multiple(() =>
        {
            Assert.That(challenge.MaxBuffer, Is.EqualTo(65536));
            Assert.That(challenge.Ciphers, Is.EqualTo(new[] { "rc4-40", "rc4", "3des" }));
            Assert.That(challenge.Stale, Is.True);
        });
    }

    [Test]
    public void Absent_qop_defaults_to_auth() =>
        Assert.That(Parse("nonce=\"n\",algorithm=md5-sess").QopOptions, Is.EqualTo(new[] { "auth" }));

    [Test]
    public void Utf8_realm_is_decoded_when_charset_is_utf8() =>
        Assert.That(Parse("realm=\"exämple.org\",nonce=\"n\",algorithm=md5-sess,charset=utf-8").Realms, Is.EqualTo(new[] { "exämple.org" }));

    [Test]
    public void Latin1_realm_is_decoded_without_charset()
    {
        var bytes = Encoding.Latin1.GetBytes("realm=\"exämple.org\",nonce=\"n\",algorithm=md5-sess");

        Assert.That(DigestMd5Challenge.Parse(bytes).Realms, Is.EqualTo(new[] { "exämple.org" }));
    }

    [Test]
    public void Missing_nonce_is_rejected() =>
        Assert.That(
            () => Parse("realm=\"r\",qop=\"auth\",algorithm=md5-sess"),
            Throws.TypeOf<AuthenticationException>().With.Message.Contains("nonce"));

    [Test]
    public void Empty_nonce_is_rejected() =>
        Assert.That(() => Parse("nonce=\"\",algorithm=md5-sess"), Throws.TypeOf<AuthenticationException>().With.Message.Contains("nonce"));

    [Test]
    public void Qop_without_auth_is_rejected() =>
        Assert.That(
            () => Parse("nonce=\"n\",qop=\"auth-int,auth-conf\",algorithm=md5-sess"),
            Throws.TypeOf<AuthenticationException>().With.Message.Contains("qop=auth"));

    [Test]
    public void Qop_token_that_only_starts_with_auth_is_not_auth() =>
        Assert.That(() => Parse("nonce=\"n\",qop=authx,algorithm=md5-sess"), Throws.TypeOf<AuthenticationException>());

    [Test]
    public void Missing_algorithm_is_rejected() =>
        Assert.That(
            () => Parse("nonce=\"n\",qop=\"auth\""),
            Throws.TypeOf<AuthenticationException>().With.Message.Contains("md5-sess"));

    [Test]
    public void Algorithm_other_than_md5_sess_is_rejected() =>
        Assert.That(
            () => Parse("nonce=\"n\",algorithm=MD5"),
            Throws.TypeOf<AuthenticationException>().With.Message.Contains("md5-sess"));

    [TestCase("nonce=\"a\",nonce=\"b\",algorithm=md5-sess")]
    [TestCase("nonce=\"a\",algorithm=md5-sess,algorithm=md5-sess")]
    [TestCase("nonce=\"a\",algorithm=md5-sess,charset=utf-8,charset=utf-8")]
    [TestCase("nonce=\"a\",algorithm=md5-sess,qop=auth,qop=auth")]
    public void Repeated_single_valued_directives_are_rejected(string text) =>
        Assert.That(() => Parse(text), Throws.TypeOf<AuthenticationException>().With.Message.Contains("more than once"));

    [TestCase("nonce=\"unterminated,algorithm=md5-sess")]
    [TestCase("nonce=\"ends-in-backslash\\")]
    [TestCase("nonce,algorithm=md5-sess")]
    [TestCase("=\"n\",algorithm=md5-sess")]
    [TestCase("nonce=\"n\"junk,algorithm=md5-sess")]
    [TestCase("nonce=a b,algorithm=md5-sess")]
    public void Malformed_syntax_is_rejected(string text) =>
        Assert.That(() => Parse(text), Throws.TypeOf<AuthenticationException>().With.Message.Contains("malformed"));

    [Test]
    public void Invalid_utf8_under_charset_utf8_is_rejected()
    {
        byte[] bytes = [.. "realm=\""u8, 0xC3, 0x28, .. "\",nonce=\"n\",algorithm=md5-sess,charset=utf-8"u8];

        Assert.That(() => DigestMd5Challenge.Parse(bytes), Throws.TypeOf<AuthenticationException>().With.Message.Contains("UTF-8"));
    }

    private static DigestMd5Challenge Parse(string text) => DigestMd5Challenge.Parse(Encoding.UTF8.GetBytes(text));
}
