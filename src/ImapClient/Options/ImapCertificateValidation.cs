using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ImapClient;

/// <summary>
/// Ready-made certificate validation for <see cref="ImapConnectionOptions.ServerCertificateValidationCallback"/>:
/// pinning a server's certificate by its SHA-256 fingerprint (a test server, a self-signed certificate).
/// </summary>
public static class ImapCertificateValidation
{
    private const int Sha256Length = 32;

    /// <summary>
    /// Accepts exactly the certificate whose SHA-256 fingerprint is <paramref name="sha256Fingerprint"/>, whoever
    /// issued it and whatever host name it names, and rejects every other certificate, even one the platform trusts.
    /// </summary>
    /// <param name="sha256Fingerprint">
    /// The SHA-256 hash of the certificate (its DER bytes): 64 hexadecimal digits, upper or lower case, optionally in
    /// pairs separated by colons, as <c>openssl x509 -noout -fingerprint -sha256</c> prints it after
    /// <c>sha256 Fingerprint=</c> (e.g. <c>3A:1F:…</c>) or as <c>X509Certificate.GetCertHashString(HashAlgorithmName.SHA256)</c>
    /// returns it (e.g. <c>3A1F…</c>).
    /// </param>
    /// <returns>A callback for <see cref="ImapConnectionOptions.ServerCertificateValidationCallback"/>.</returns>
    /// <exception cref="ArgumentException">The text is not a SHA-256 fingerprint in that form.</exception>
    public static RemoteCertificateValidationCallback PinSha256(string sha256Fingerprint)
    {
        ArgumentNullException.ThrowIfNull(sha256Fingerprint);
        var expected = ParseSha256(sha256Fingerprint, nameof(sha256Fingerprint));
        return (_, certificate, _, _) =>
            certificate is not null && CryptographicOperations.FixedTimeEquals(certificate.GetCertHash(HashAlgorithmName.SHA256), expected);
    }

    /// <summary>A certificate's SHA-256 fingerprint in the form error messages show it: upper-case hex pairs joined by colons.</summary>
    internal static string Fingerprint(X509Certificate certificate) =>
        BitConverter.ToString(certificate.GetCertHash(HashAlgorithmName.SHA256)).Replace('-', ':');

    private static byte[] ParseSha256(string text, string parameter)
    {
        var digits = text.Trim().Replace(":", "", StringComparison.Ordinal);
        if (digits.Length != Sha256Length * 2 || !digits.All(char.IsAsciiHexDigit))
        {
            throw new ArgumentException(
                "A SHA-256 fingerprint is 64 hexadecimal digits, upper or lower case, optionally in pairs separated by colons (3A:1F:…).",
                parameter);
        }

        return Convert.FromHexString(digits);
    }
}
