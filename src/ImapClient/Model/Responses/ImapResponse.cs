namespace ImapClient;

/// <summary>A response from the server, parsed into a typed value. Untagged data responses derive from this.</summary>
public abstract class ImapResponse
{
    private protected ImapResponse() { }
}
