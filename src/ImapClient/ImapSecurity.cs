namespace ImapClient;

/// <summary>How the connection is protected.</summary>
public enum ImapSecurity
{
    /// <summary>No encryption (port 143 style). Credentials travel in the clear unless a mechanism protects them.</summary>
    None,

    /// <summary>TLS from the first byte (port 993 style).</summary>
    ImplicitTls,
}
