using System.Net.Sockets;
using System.Security.Cryptography;
using ImapClient.Tests.Infrastructure;

namespace ImapClient.Tests.Security;

/// <summary>
/// A failed TLS handshake says what most likely went wrong and what to do, against the test Dovecot: implicit TLS on
/// its plaintext port, and its self-signed certificate, which the platform does not trust. Pinning that certificate
/// by its SHA-256 fingerprint connects.
/// </summary>
[TestFixture]
public class TlsDiagnosisIntegrationTests : DovecotTests
{
    private static string Fingerprint => DovecotFixture.Server.Certificate.GetCertHashString(HashAlgorithmName.SHA256);

    private static string WithColons(string hex) => string.Join(':', hex.Chunk(2).Select(pair => new string(pair)));

    private static async Task<Exception?> CatchAsync(Func<Task> call)
    {
        try
        {
            await call().WaitAsync(TimeSpan.FromSeconds(30));
            return null;
        }
#pragma warning disable CA1031 // The exception is the value under test.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return ex;
        }
    }

    [Test]
    public async Task Implicit_TLS_against_the_plaintext_port_names_the_plaintext_greeting_and_the_other_modes()
    {
        var server = DovecotFixture.Server;

        var ex = await CatchAsync(() => ImapConnection.ConnectAsync(server.Host, server.Port, ImapSecurity.ImplicitTls));

        TestContext.Out.WriteLine(ex?.Message);
        Assert.That(ex, Is.TypeOf<ImapConnectionException>());
        Assert.That(ex!.Message, Does.StartWith($"The TLS handshake with {server.Host}:{server.Port} failed: the server sent a plaintext IMAP greeting (* OK "));
        Assert.That(ex.Message, Does.Contain("so this port does not speak implicit TLS"));
        Assert.That(ex.Message, Does.Contain("ImapSecurity.StartTlsRequired").And.Contain("ImapSecurity.None"));
        Assert.That(ex.Message, Does.Not.Contain("frame"));
    }

    [TestCase("* PREAUTH IMAP4rev1 logged in as ann\r\n", "* PREAUTH IMAP4rev1 logged in as ann")]
    [TestCase("* bye Too many connections\r\n", "* bye Too many connections")]
    public async Task Implicit_TLS_against_any_plaintext_greeting_names_it(string greeting, string quoted)
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var serve = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(greeting));

            // Reads the ClientHello until the client gives up and closes.
            var buffer = new byte[4096];
            while (await stream.ReadAsync(buffer) > 0)
            {
            }
        });

        var ex = await CatchAsync(() => ImapConnection.ConnectAsync("127.0.0.1", port, ImapSecurity.ImplicitTls));

        Assert.That(ex, Is.TypeOf<ImapConnectionException>());
        Assert.That(ex!.Message, Does.Contain($"the server sent a plaintext IMAP greeting ({quoted}), so this port does not speak implicit TLS"));
        await serve.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Test]
    public async Task An_untrusted_certificate_names_the_validation_callback_the_pinning_helper_and_the_docs()
    {
        var server = DovecotFixture.Server;

        var ex = await CatchAsync(() => ImapConnection.ConnectAsync(server.Host, server.TlsPort, ImapSecurity.ImplicitTls));

        TestContext.Out.WriteLine(ex?.Message);
        Assert.That(ex, Is.TypeOf<ImapConnectionException>());
        Assert.That(ex!.Message, Does.StartWith($"The TLS handshake with {server.Host}:{server.TlsPort} failed: the server's certificate is not trusted (RemoteCertificate"));
        Assert.That(ex.Message, Does.Contain("UntrustedRoot"));
        Assert.That(ex.Message, Does.Contain($"its SHA-256 fingerprint is {WithColons(Fingerprint)}."));
        Assert.That(ex.Message, Does.Contain("ImapConnectionOptions.ServerCertificateValidationCallback"));
        Assert.That(ex.Message, Does.Contain("ImapCertificateValidation.PinSha256(fingerprint)"));
        Assert.That(ex.Message, Does.Contain("docs/connecting.md, \"Certificate validation\""));
    }

    [Test]
    public async Task An_untrusted_certificate_after_STARTTLS_is_explained_the_same_way()
    {
        var server = DovecotFixture.Server;

        var ex = await CatchAsync(() => ImapConnection.ConnectAsync(server.Host, server.Port, ImapSecurity.StartTlsRequired));

        Assert.That(ex, Is.TypeOf<ImapConnectionException>());
        Assert.That(ex!.Message, Does.StartWith("The TLS handshake after STARTTLS failed: the server's certificate is not trusted"));
        Assert.That(ex.Message, Does.Contain("ImapConnectionOptions.ServerCertificateValidationCallback"));
    }

    [Test]
    public async Task A_certificate_the_callback_rejects_says_the_callback_rejected_it()
    {
        var server = DovecotFixture.Server;
        var options = new ImapConnectionOptions { ServerCertificateValidationCallback = ImapCertificateValidation.PinSha256(new string('0', 64)) };

        var ex = await CatchAsync(() => ImapConnection.ConnectAsync(server.Host, server.TlsPort, ImapSecurity.ImplicitTls, options));

        Assert.That(ex, Is.TypeOf<ImapConnectionException>());
        Assert.That(ex!.Message, Does.Contain("the server's certificate was rejected by your certificate validation callback (the platform found RemoteCertificate"));
        Assert.That(ex.Message, Does.Contain(WithColons(Fingerprint)));
    }

    [TestCase(ImapSecurity.ImplicitTls, "upper, colons")]
    [TestCase(ImapSecurity.ImplicitTls, "lower, plain")]
    [TestCase(ImapSecurity.StartTlsRequired, "lower, colons")]
    [TestCase(ImapSecurity.StartTlsRequired, "upper, plain")]
    public async Task Pinning_the_test_servers_certificate_by_its_SHA256_connects(ImapSecurity security, string form)
    {
        var server = DovecotFixture.Server;
        var hex = form.StartsWith("upper", StringComparison.Ordinal) ? Fingerprint.ToUpperInvariant() : Fingerprint.ToLowerInvariant();
        var fingerprint = form.EndsWith("colons", StringComparison.Ordinal) ? WithColons(hex) : hex;
        var options = new ImapConnectionOptions { ServerCertificateValidationCallback = ImapCertificateValidation.PinSha256(fingerprint) };
        var port = security == ImapSecurity.ImplicitTls ? server.TlsPort : server.Port;

        await using var imap = await ImapConnection.ConnectAsync(server.Host, port, security, options);

        Assert.That(imap.IsEncrypted, Is.True);
        await imap.NoopAsync();
    }

    [Test]
    public async Task The_TLS_properties_stay_readable_after_DisposeAsync()
    {
        var server = DovecotFixture.Server;
        var options = new ImapConnectionOptions { ServerCertificateValidationCallback = ImapCertificateValidation.PinSha256(Fingerprint) };
        var imap = await ImapConnection.ConnectAsync(server.Host, server.TlsPort, ImapSecurity.ImplicitTls, options);
        var protocol = imap.TlsProtocol;
        var cipher = imap.TlsCipherSuite;

        await imap.DisposeAsync();

        Assert.That(protocol, Is.Not.Null);
        Assert.That(imap.TlsProtocol, Is.EqualTo(protocol));
        Assert.That(imap.TlsCipherSuite, Is.EqualTo(cipher));
        Assert.That(imap.IsEncrypted, Is.True);
        Assert.That(async () => await imap.NoopAsync(), Throws.TypeOf<ObjectDisposedException>());
    }
}
