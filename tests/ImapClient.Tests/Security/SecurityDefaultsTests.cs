using System.Net;
using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Security;

/// <summary>
/// What a caller gets without asking: certificates validated, no credential in clear on an unencrypted connection, no
/// CR, LF or NUL written raw inside an argument, no secret in the protocol log. The certificate tests need a real TLS
/// server and are in <c>SecurityDefaultsDovecotTests</c>; LOGIN, AUTHENTICATE PLAIN and OAuth refused in clear are in
/// <c>Connection/PlaintextGuardTests</c> and <c>Integration/AuthenticationIntegrationTests</c>, and are not repeated here.
/// </summary>
public partial class SecurityDefaultsTests
{
    [Test]
    public void The_options_default_to_platform_certificate_validation_and_no_plaintext_credentials()
    {
        var options = new ImapConnectionOptions();
        Assert.That(options.AllowPlaintextAuthentication, Is.False);
        Assert.That(options.ServerCertificateValidationCallback, Is.Null, "null means the platform's validation");
        Assert.That(options.SslOptions, Is.Null);
        var tls = options.CreateSslOptions("imap.example.org");
        Assert.That(tls.RemoteCertificateValidationCallback, Is.Null);
        Assert.That(tls.TargetHost, Is.EqualTo("imap.example.org"), "the host name is checked against the certificate");
    }

    [Test]
    public async Task The_other_plaintext_mechanisms_are_refused_on_an_unencrypted_connection_before_a_byte_is_sent()
    {
        await using var server = new ScriptedServer(allowPlaintext: false);
        await using var imap = await server.ConnectAsync("* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN AUTH=LOGIN] ready\r\n");
        var credential = new NetworkCredential("user", "secret");
        Assert.That(() => imap.AuthenticateAsync("LOGIN", credential), Throws.InvalidOperationException);
        Assert.That(() => imap.AuthenticateAsync("login", credential), Throws.InvalidOperationException, "mechanism names are case-insensitive");
        Assert.That(() => imap.AuthenticatePlainAsync(credential, "someone-else"), Throws.InvalidOperationException);
        await ExpectNothingBeforeNoopAsync(server, imap);
    }

    /// <summary>Proves the client wrote nothing since the last command: the next thing the server reads is this NOOP.</summary>
    private static async Task ExpectNothingBeforeNoopAsync(ScriptedServer server, ImapConnection imap)
    {
        var noop = imap.NoopAsync();
        var tag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"{tag} OK\r\n");
        await noop.WaitAsync(Patience);
    }
}
