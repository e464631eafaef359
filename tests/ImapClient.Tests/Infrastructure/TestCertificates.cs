using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ImapClient.Tests.Infrastructure;

/// <summary>Certificates for TLS servers the tests run themselves.</summary>
internal static class TestCertificates
{
    /// <summary>A fresh self-signed certificate for <c>localhost</c>, valid from yesterday to tomorrow.</summary>
    public static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        // Re-imported so that its private key is usable by the TLS server on every platform.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
    }
}
