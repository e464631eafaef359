using System.Net;
using System.Security.Authentication;
using System.Text;
using ImapClient.TestServer;
using ImapClient.Tests.Infrastructure;
using ImapClient.Tests.Diagnostics;

// A DovecotTests fixture: the shared DovecotFixture instance, with its self-signed certificate,
// serves the certificate tests.
namespace ImapClient.Tests.Security;

/// <summary>Security defaults against a real server: its self-signed certificate is refused unless the caller trusts it.</summary>
public class SecurityDefaultsDovecotTests : DovecotTests
{
    /// <summary>A password that LOGIN must send as a literal (non-ASCII), with quotes and a backslash besides.</summary>
    private const string LiteralPassword = "pässwörd \"quoted\" \\ back";

    private DovecotServer? _server;

    private static DovecotServer Shared => DovecotFixture.Server;

    private DovecotServer Private => _server ?? throw new InvalidOperationException("Dovecot did not start.");

    [OneTimeSetUp]
    public async Task StartDovecotAsync() =>
        _server = await DovecotServer.StartAsync(new DovecotServerOptions { Users = new Dictionary<string, string> { ["ann"] = LiteralPassword } });

    [OneTimeTearDown]
    public async Task StopDovecotAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private static IEnumerable<TestCaseData> UntrustedSettings()
    {
        yield return new TestCaseData((ImapConnectionOptions?)null).SetArgDisplayNames("no options");
        yield return new TestCaseData(new ImapConnectionOptions()).SetArgDisplayNames("default options");
        yield return new TestCaseData(new ImapConnectionOptions { SslOptions = new() { TargetHost = "localhost" } })
            .SetArgDisplayNames("TLS options without a callback");
    }

    [TestCaseSource(nameof(UntrustedSettings))]
    public void A_self_signed_certificate_is_refused_by_default_with_implicit_TLS(ImapConnectionOptions? options)
    {
        var ex = Assert.ThrowsAsync<ImapConnectionException>(() =>
            ImapConnection.ConnectAsync(Shared.Host, Shared.TlsPort, ImapSecurity.ImplicitTls, options));
        Assert.That(ex!.InnerException, Is.InstanceOf<AuthenticationException>(), ex.ToString());
    }

    [TestCaseSource(nameof(UntrustedSettings))]
    public void A_self_signed_certificate_is_refused_by_default_after_STARTTLS(ImapConnectionOptions? options)
    {
        var ex = Assert.ThrowsAsync<ImapConnectionException>(() =>
            ImapConnection.ConnectAsync(Shared.Host, Shared.Port, ImapSecurity.StartTlsRequired, options));
        Assert.That(ex!.InnerException, Is.InstanceOf<AuthenticationException>(), ex.ToString());
    }

    [Test]
    public async Task The_same_certificate_is_accepted_when_the_caller_pins_it()
    {
        // The refusal above is about trust, not about the handshake: trusting this very certificate connects.
        var options = IntegrationConnections.Options(Shared);
        await using var tls = await ImapConnection.ConnectAsync(Shared.Host, Shared.TlsPort, ImapSecurity.ImplicitTls, options);
        await using var startTls = await ImapConnection.ConnectAsync(Shared.Host, Shared.Port, ImapSecurity.StartTlsRequired, options);
        Assert.That(tls.IsEncrypted && startTls.IsEncrypted, Is.True);
    }

    [TestCase("login-command")]
    [TestCase("PLAIN")]
    [TestCase("LOGIN")]
    [TestCase("CRAM-MD5")]
    [TestCase("SCRAM-SHA-1")]
    [TestCase("SCRAM-SHA-256")]
    public async Task A_password_sent_as_a_literal_or_in_any_mechanism_signs_in_and_never_reaches_the_log(string mechanism)
    {
        // Not DIGEST-MD5: it hashes a password like this one as ISO-8859-1 (RFC 2831), Dovecot as UTF-8, so the two
        // never agree on it (see PasswordMechanismDovecotTests); AuthenticationIntegrationTests checks its log.
        var logger = new ProtocolLoggerTests.RecordingLogger();
        var options = new ImapConnectionOptions { ProtocolLogger = logger, AllowPlaintextAuthentication = true };
        await using var imap = await ImapConnection.ConnectAsync(Private.Host, Private.Port, ImapSecurity.None, options);
        var credential = new NetworkCredential("ann", LiteralPassword);
        await (mechanism == "login-command"
            ? imap.LoginAsync(credential.UserName, credential.Password)
            : imap.AuthenticateAsync(mechanism, credential));
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Authenticated));

        var sent = logger.Entries.Where(e => e.Direction == ImapProtocolDirection.Sent).Select(e => e.Text).ToList();
        Assert.That(sent[0], Does.EndWith(mechanism == "login-command" ? "LOGIN ann ***\r\n" : $"AUTHENTICATE {mechanism}\r\n")
            .Or.EndWith($"AUTHENTICATE {mechanism} ***\r\n"));
        Assert.That(sent.Skip(1), Is.All.EqualTo("***\r\n"), "every answer to a challenge is redacted whole");
        foreach (var secret in new[] { LiteralPassword, "pässwörd", Convert.ToBase64String(Encoding.UTF8.GetBytes(LiteralPassword)) })
        {
            Assert.That(logger.All, Does.Not.Contain(secret));
        }
    }
}
