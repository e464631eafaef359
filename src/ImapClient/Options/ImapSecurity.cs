namespace ImapClient;

/// <summary>How the connection is protected.</summary>
public enum ImapSecurity
{
    /// <summary>No encryption (port 143 style). Plaintext credentials are refused unless <see cref="ImapConnectionOptions.AllowPlaintextAuthentication"/> is set.</summary>
    None,

    /// <summary>TLS from the first byte (port 993 style).</summary>
    ImplicitTls,

    /// <summary>Plaintext first, then STARTTLS before anything else; a server without STARTTLS is refused before any credential is sent.</summary>
    StartTlsRequired,

    /// <summary>STARTTLS when the server offers it, otherwise unencrypted (open to an active attacker who strips the offer).</summary>
    StartTlsWhenAvailable,
}
