namespace ImapClient;

/// <summary><c>* ENABLED cap …</c> (RFC 5161): the extensions an ENABLE command turned on.</summary>
public sealed class ImapEnabledResponse : ImapResponse
{
    internal ImapEnabledResponse(ImapCapabilities capabilities) => Capabilities = capabilities;

    /// <summary>The extensions enabled; empty when the server enabled none of those asked for.</summary>
    public ImapCapabilities Capabilities { get; }
}

/// <summary><c>* ID (field value …)</c> or <c>* ID NIL</c> (RFC 2971): the server's identification.</summary>
public sealed class ImapIdResponse : ImapResponse
{
    internal ImapIdResponse(IReadOnlyDictionary<string, string?>? fields) => Fields = fields;

    /// <summary>The fields (name, version, vendor …), names compared case-insensitively; null for <c>NIL</c>.</summary>
    public IReadOnlyDictionary<string, string?>? Fields { get; }
}
