using System.Net;

namespace ImapClient.Sasl;

/// <summary>Creates the password-based SASL mechanisms by name and ranks them for automatic selection.</summary>
internal static class SaslMechanismFactory
{
    /// <summary>
    /// The password-based mechanisms from most to least preferred: SCRAM first since it never reveals the password
    /// and authenticates the server, then the MD5 challenge-response mechanisms, then the plaintext ones.
    /// </summary>
    public static IReadOnlyList<string> PreferenceOrder { get; } =
    [
        SaslMechanismNames.ScramSha256,
        SaslMechanismNames.ScramSha1,
        SaslMechanismNames.DigestMd5,
        SaslMechanismNames.CramMd5,
        SaslMechanismNames.Plain,
        SaslMechanismNames.Login,
    ];

    /// <summary>Creates the password-based mechanism called <paramref name="name"/> (case-insensitive).</summary>
    /// <param name="name">The mechanism name.</param>
    /// <param name="credential">The user name and password; for DIGEST-MD5 the domain, when set, is the realm.</param>
    /// <param name="host">The server's host name, which DIGEST-MD5 puts in its digest-uri.</param>
    /// <returns>The mechanism, or null when <paramref name="name"/> is not a password-based mechanism this library implements.</returns>
    /// <exception cref="ArgumentException">The credentials cannot be used with the mechanism (for example, NUL in a PLAIN password).</exception>
    /// <exception cref="PlatformNotSupportedException">SCRAM credentials are not ASCII and the process has no Unicode normalization data.</exception>
    public static SaslMechanism? Create(string name, NetworkCredential credential, string host)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(host);

        var userName = credential.UserName;
        var password = credential.Password;
        return name.ToUpperInvariant() switch
        {
            SaslMechanismNames.ScramSha256 => new ScramMechanism(SaslHashAlgorithm.Sha256, userName, password),
            SaslMechanismNames.ScramSha1 => new ScramMechanism(SaslHashAlgorithm.Sha1, userName, password),
            SaslMechanismNames.DigestMd5 => new DigestMd5Mechanism(
                userName, password, host, string.IsNullOrEmpty(credential.Domain) ? null : credential.Domain),
            SaslMechanismNames.CramMd5 => new CramMd5Mechanism(userName, password),
            SaslMechanismNames.Plain => new PlainMechanism(userName, password),
            SaslMechanismNames.Login => new LoginMechanism(userName, password),
            _ => null,
        };
    }

    /// <summary>Whether the mechanism sends the password in clear (PLAIN, LOGIN), so it should only be used over TLS.</summary>
    public static bool IsPlaintext(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return string.Equals(name, SaslMechanismNames.Plain, StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, SaslMechanismNames.Login, StringComparison.OrdinalIgnoreCase);
    }
}
