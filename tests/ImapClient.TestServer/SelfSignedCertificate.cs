using System.Security.Cryptography.X509Certificates;

namespace ImapClient.TestServer;

internal static class SelfSignedCertificate
{
    /// <summary>Writes cert.pem and key.pem into <paramref name="directory"/> for CN=localhost, also valid for 127.0.0.1.</summary>
    public static async Task<(string CertPath, string KeyPath, X509Certificate2 Certificate)> CreateAsync(
        string directory, CancellationToken cancellationToken)
    {
        var certPath = Path.Combine(directory, "cert.pem");
        var keyPath = Path.Combine(directory, "key.pem");
        // P-256 keys generate in milliseconds where RSA can take most of a second on a slow CI core.
        await ToolRunner.RunAsync("openssl",
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", keyPath, "-out", certPath, "-days", "30", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            ],
            cancellationToken).ConfigureAwait(false);
        var pem = await File.ReadAllTextAsync(certPath, cancellationToken).ConfigureAwait(false);
        return (certPath, keyPath, X509Certificate2.CreateFromPem(pem));
    }
}
