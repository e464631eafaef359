using System.Net;
using System.Security.Cryptography;
using System.Text;
using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Authentication;

/// <summary>AUTHENTICATE conversations over the wire, with the RFC 2195 and RFC 2831 examples.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class AuthenticateTests(Delivery delivery)
{
    private const string DigestChallenge =
        "realm=\"elwood.innosoft.com\",nonce=\"OA6MG9tEQGm2hh\",qop=\"auth\",algorithm=md5-sess,charset=utf-8";

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static string FromBase64(string line) => Encoding.UTF8.GetString(Convert.FromBase64String(line.TrimEnd('\r', '\n')));

    [Test]
    public async Task CRAM_MD5_sends_the_RFC_2195_response_and_authenticates()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* OK [CAPABILITY IMAP4rev1 AUTH=CRAM-MD5] ready\r\n");

        var auth = imap.AuthenticateAsync("CRAM-MD5", new NetworkCredential("tim", "tanstaaftanstaaf"));
        var tag = await server.ExpectCommandAsync("AUTHENTICATE CRAM-MD5");
        await server.SendAsync("+ PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+\r\n");

        var answer = await server.ReadLineAsync();
        Assert.That(answer, Is.EqualTo("dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw\r\n"));
        Assert.That(FromBase64(answer), Is.EqualTo("tim b913a602c7eda7a495b4e6e7334d3890"));
        await server.SendAsync($"{tag} OK CRAM-MD5 authentication successful\r\n");

        Assert.That((await auth.WaitAsync(Patience)).Text, Is.EqualTo("CRAM-MD5 authentication successful"));
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Authenticated));
    }

    [Test]
    public async Task CRAM_MD5_rejected_by_the_server_throws_and_the_connection_stays_usable()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync();

        var auth = imap.AuthenticateAsync("CRAM-MD5", new NetworkCredential("tim", "wrong"));
        var tag = await server.ExpectCommandAsync("AUTHENTICATE CRAM-MD5");
        await server.SendAsync("+ PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+\r\n");
        await server.ReadLineAsync();
        await server.SendAsync($"{tag} NO [AUTHENTICATIONFAILED] Authentication failed.\r\n");

        var ex = await CatchAsync(auth);
        Assert.That(ex, Is.TypeOf<ImapAuthenticationException>());
        Assert.That(((ImapAuthenticationException)ex!).ResponseCode!.Name, Is.EqualTo("AUTHENTICATIONFAILED"));
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.NotAuthenticated));

        var login = imap.LoginAsync("tim", "tanstaaftanstaaf");
        tag = await server.ExpectCommandAsync("LOGIN tim tanstaaftanstaaf");
        await server.SendAsync($"{tag} OK Logged in\r\n");
        await login.WaitAsync(Patience);
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Authenticated));
    }

    [Test]
    public async Task DIGEST_MD5_sends_a_well_formed_response_verifies_rspauth_and_authenticates()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync();

        var auth = imap.AuthenticateAsync("DIGEST-MD5", new NetworkCredential("chris", "secret"));
        var tag = await server.ExpectCommandAsync("AUTHENTICATE DIGEST-MD5");
        await server.SendAsync($"+ {Base64(DigestChallenge)}\r\n");

        var fields = ParseDirectives(FromBase64(await server.ReadLineAsync()));
        Assert.That(fields.Keys, Is.EquivalentTo(new[] { "username", "realm", "nonce", "cnonce", "nc", "qop", "digest-uri", "response", "charset" }));
        Assert.That(fields["username"], Is.EqualTo("chris"));
        Assert.That(fields["realm"], Is.EqualTo("elwood.innosoft.com"));
        Assert.That(fields["nonce"], Is.EqualTo("OA6MG9tEQGm2hh"));
        Assert.That(fields["cnonce"], Has.Length.GreaterThanOrEqualTo(16), "a random client nonce");
        Assert.That(fields["nc"], Is.EqualTo("00000001"));
        Assert.That(fields["qop"], Is.EqualTo("auth"));
        Assert.That(fields["digest-uri"], Is.EqualTo("imap/localhost"));
        Assert.That(fields["charset"], Is.EqualTo("utf-8"));
        Assert.That(fields["response"], Is.EqualTo(DigestValue(fields, "secret", "AUTHENTICATE:")), "RFC 2831 response value");

        await server.SendAsync($"+ {Base64("rspauth=" + DigestValue(fields, "secret", ":"))}\r\n");
        Assert.That(await server.ReadLineAsync(), Is.EqualTo("\r\n"), "an empty response acknowledges rspauth");
        await server.SendAsync($"{tag} OK DIGEST-MD5 authentication successful\r\n");

        await auth.WaitAsync(Patience);
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Authenticated));
    }

    [Test]
    public async Task DIGEST_MD5_with_a_wrong_rspauth_cancels_with_a_star_and_fails_and_the_connection_stays_usable()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync();

        var auth = imap.AuthenticateAsync("DIGEST-MD5", new NetworkCredential("chris", "secret"));
        var tag = await server.ExpectCommandAsync("AUTHENTICATE DIGEST-MD5");
        await server.SendAsync($"+ {Base64(DigestChallenge)}\r\n");
        var fields = ParseDirectives(FromBase64(await server.ReadLineAsync()));
        Assert.That(fields["username"], Is.EqualTo("chris"));

        await server.SendAsync($"+ {Base64("rspauth=ea40f60335c427b5527b84dbabcdfffd")}\r\n");
        Assert.That(await server.ReadLineAsync(), Is.EqualTo("*\r\n"), "the client cancels the exchange");
        await server.SendAsync($"{tag} BAD AUTHENTICATE cancelled\r\n");

        var ex = await CatchAsync(auth);
        Assert.That(ex, Is.TypeOf<ImapAuthenticationException>());
        Assert.That(ex!.Message, Does.Contain("rspauth"));
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.NotAuthenticated));

        var noop = imap.NoopAsync();
        var noopTag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"{noopTag} OK NOOP completed\r\n");
        Assert.That((await noop.WaitAsync(Patience)).Text, Is.EqualTo("NOOP completed"));
    }

    [Test]
    public async Task A_challenge_that_is_not_base64_cancels_with_a_star_and_fails()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync();

        var auth = imap.AuthenticateAsync("CRAM-MD5", new NetworkCredential("tim", "tanstaaftanstaaf"));
        var tag = await server.ExpectCommandAsync("AUTHENTICATE CRAM-MD5");
        await server.SendAsync("+ this is not base64!\r\n");
        Assert.That(await server.ReadLineAsync(), Is.EqualTo("*\r\n"));
        await server.SendAsync($"{tag} BAD AUTHENTICATE cancelled\r\n");

        Assert.That(await CatchAsync(auth), Is.TypeOf<ImapAuthenticationException>());
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.NotAuthenticated));
    }

    [Test]
    public async Task An_unsupported_mechanism_throws_NotSupportedException_and_sends_nothing()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync();

        Assert.That(await CatchAsync(imap.AuthenticateAsync("X-MADE-UP", new NetworkCredential("a", "b"))), Is.TypeOf<NotSupportedException>());

        var noop = imap.NoopAsync();
        var tag = await server.ExpectCommandAsync("NOOP");
        Assert.That(tag, Is.EqualTo("A0001"));
        await server.SendAsync($"{tag} OK NOOP completed\r\n");
        await noop.WaitAsync(Patience);
    }

    private static Dictionary<string, string> ParseDirectives(string text)
    {
        var fields = new Dictionary<string, string>();
        foreach (var part in text.Split(','))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            Assert.That(eq, Is.GreaterThan(0), $"directive syntax in {text}");
            fields.Add(part[..eq], part[(eq + 1)..].Trim('"'));
        }

        return fields;
    }

    /// <summary>RFC 2831 section 2.1.2.1: the response value (A2 prefix "AUTHENTICATE:") or rspauth (prefix ":").</summary>
    private static string DigestValue(Dictionary<string, string> f, string password, string a2Prefix)
    {
#pragma warning disable CA5351 // DIGEST-MD5 is defined on MD5.
        static byte[] Md5(byte[] data) => MD5.HashData(data);
#pragma warning restore CA5351
        static string Hex(byte[] data) => Convert.ToHexStringLower(data);
        var utf8 = Encoding.UTF8;
        var userRealmPass = Md5(utf8.GetBytes($"{f["username"]}:{f["realm"]}:{password}"));
        var a1 = userRealmPass.Concat(utf8.GetBytes($":{f["nonce"]}:{f["cnonce"]}")).ToArray();
        var ha1 = Hex(Md5(a1));
        var ha2 = Hex(Md5(utf8.GetBytes(a2Prefix + f["digest-uri"])));
        return Hex(Md5(utf8.GetBytes($"{ha1}:{f["nonce"]}:{f["nc"]}:{f["cnonce"]}:{f["qop"]}:{ha2}")));
    }
}
