using System.Net;
using System.Text;
using ImapClient.TestServer;
using ImapClient.Tests.Infrastructure;
using ImapClient.Tests.Diagnostics;

namespace ImapClient.Tests.Authentication;

/// <summary>Every mechanism against Dovecot over plain, STARTTLS and implicit TLS, with the protocol log checked for secrets.</summary>
public class AuthenticationIntegrationTests : DovecotTests
{
    private static readonly string[] Mechanisms = ["PLAIN", "LOGIN", "CRAM-MD5", "DIGEST-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256"];

    private static IEnumerable<TestCaseData> EveryMechanismAndTransport() =>
        from mechanism in Mechanisms.Append("auto").Append("login-command")
        from security in new[] { ImapSecurity.None, ImapSecurity.StartTlsRequired, ImapSecurity.ImplicitTls }
        select new TestCaseData(mechanism, security);

    private static async Task<ImapConnection> ConnectAsync(ImapSecurity security, IImapProtocolLogger? logger = null)
    {
        var server = DovecotFixture.Server;
        var options = IntegrationConnections.Options(server);
        options.ProtocolLogger = logger;
        options.AllowPlaintextAuthentication = true;
        var port = security == ImapSecurity.ImplicitTls ? server.TlsPort : server.Port;
        return await ImapConnection.ConnectAsync(server.Host, port, security, options);
    }

    private static Task<ImapStatusResponse> SignInAsync(ImapConnection imap, string mechanism, NetworkCredential credential) => mechanism switch
    {
        "auto" => imap.AuthenticateAsync(credential),
        "login-command" => imap.LoginAsync(credential.UserName, credential.Password),
        _ => imap.AuthenticateAsync(mechanism, credential),
    };

    [TestCaseSource(nameof(EveryMechanismAndTransport))]
    public async Task Each_mechanism_signs_in_and_never_logs_the_password(string mechanism, ImapSecurity security)
    {
        var logger = new ProtocolLoggerTests.RecordingLogger();
        await using var imap = await ConnectAsync(security, logger);
        Assert.That(imap.IsEncrypted, Is.EqualTo(security != ImapSecurity.None));
        await SignInAsync(imap, mechanism, new NetworkCredential(Rfc3501Seed.User, Rfc3501Seed.Password));
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Authenticated));
        Assert.That((await imap.ExamineAsync("INBOX")).Exists, Is.EqualTo(Rfc3501Seed.MessageCount));

        var log = logger.All;
        Assert.That(log, Does.Contain("AUTHENTICATE").Or.Contain("LOGIN"));
        Assert.That(log, Does.Not.Contain(Rfc3501Seed.Password));
        Assert.That(log, Does.Not.Contain(Convert.ToBase64String(Encoding.UTF8.GetBytes(Rfc3501Seed.Password))));
        Assert.That(log, Does.Not.Contain(Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{Rfc3501Seed.User}\0{Rfc3501Seed.Password}"))));
    }

    [TestCaseSource(nameof(EveryMechanismAndTransport))]
    public async Task A_wrong_password_fails_with_an_authentication_exception(string mechanism, ImapSecurity security)
    {
        await using var imap = await ConnectAsync(security);
        var ex = Assert.ThrowsAsync<ImapAuthenticationException>(() =>
            SignInAsync(imap, mechanism, new NetworkCredential(Rfc3501Seed.User, "wrong-password")));
        Assert.That(ex!.Message, Does.Contain("Authentication failed"));
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.NotAuthenticated));
    }

    [Test]
    public async Task StartTlsRequired_encrypts_the_connection_and_refreshes_the_capabilities()
    {
        await using var imap = await ConnectAsync(ImapSecurity.StartTlsRequired);
        Assert.That(imap.IsEncrypted, Is.True);
        Assert.That(imap.TlsProtocol, Is.Not.Null);
        Assert.That(imap.Capabilities.StartTls, Is.False, "after STARTTLS the server no longer offers it");
        Assert.That(imap.Capabilities.AuthenticationMechanisms, Does.Contain("SCRAM-SHA-256"));
    }

    [Test]
    public async Task Plaintext_credentials_are_refused_on_an_unencrypted_connection_by_default()
    {
        var server = DovecotFixture.Server;
        await using var imap = await ImapConnection.ConnectAsync(server.Host, server.Port, ImapSecurity.None, IntegrationConnections.Options(server));
        Assert.That(() => imap.LoginAsync(Rfc3501Seed.User, Rfc3501Seed.Password), Throws.InvalidOperationException);
        await imap.AuthenticateAsync(new NetworkCredential(Rfc3501Seed.User, Rfc3501Seed.Password));
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Authenticated), "the automatic choice used a challenge-response mechanism");
    }
}
