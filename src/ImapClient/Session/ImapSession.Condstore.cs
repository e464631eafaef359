namespace ImapClient.Session;

/// <summary>RFC 7162 state of the session.</summary>
/// <remarks>Owns the QRESYNC flag (an auto-property).</remarks>
internal sealed partial class ImapSession
{
    /// <summary>True once ENABLE QRESYNC succeeded: VANISHED replaces EXPUNGE, and QRESYNC parameters may be sent.</summary>
    public bool QresyncEnabled { get; set; }
}
