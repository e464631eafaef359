namespace ImapClient.Sasl;

/// <summary>
/// A SASL client mechanism as a pure state machine with no I/O: the IMAP layer base64-decodes each server
/// challenge, passes it to <see cref="Respond"/>, and base64-encodes what comes back.
/// </summary>
internal abstract class SaslMechanism
{
    /// <summary>The registered mechanism name, as advertised in the server's <c>AUTH=</c> capability.</summary>
    public abstract string Name { get; }

    /// <summary>Whether the mechanism is client-first and can send <see cref="GetInitialResponse"/> with the AUTHENTICATE command (SASL-IR).</summary>
    public virtual bool SupportsInitialResponse => false;

    /// <summary>
    /// True once the exchange is finished from the client's side and, for mechanisms that authenticate the
    /// server, once the server's proof has been verified.
    /// </summary>
    public bool IsCompleted { get; protected set; }

    /// <summary>The client's first message for client-first mechanisms.</summary>
    /// <exception cref="InvalidOperationException">The mechanism is server-first.</exception>
    public virtual byte[] GetInitialResponse() =>
        throw new InvalidOperationException($"The {Name} mechanism is server-first and has no initial response.");

    /// <summary>Computes the raw (not base64-encoded) response to a decoded server challenge.</summary>
    /// <exception cref="System.Security.Authentication.AuthenticationException">The challenge is malformed or the server failed to prove its identity.</exception>
    /// <exception cref="InvalidOperationException">The exchange is already over.</exception>
    public abstract byte[] Respond(ReadOnlySpan<byte> challenge);

    /// <summary>Rejects a challenge arriving after the client considers the exchange finished.</summary>
    protected void ThrowIfCompleted()
    {
        if (IsCompleted)
        {
            throw new InvalidOperationException($"The {Name} exchange is already complete; the server sent an unexpected further challenge.");
        }
    }
}
