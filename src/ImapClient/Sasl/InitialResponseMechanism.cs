using System.Security.Authentication;

namespace ImapClient.Sasl;

/// <summary>
/// A client-first mechanism whose side of the exchange is one message, sent either as the SASL-IR initial response
/// or in answer to the empty challenge a server without SASL-IR starts with.
/// </summary>
internal abstract class InitialResponseMechanism : SaslMechanism
{
    private bool _sent;

    /// <inheritdoc/>
    public override bool SupportsInitialResponse => true;

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The message was already sent.</exception>
    public sealed override byte[] GetInitialResponse()
    {
        if (_sent)
        {
            throw new InvalidOperationException($"The {Name} message was already sent; start a new exchange.");
        }

        return Send();
    }

    /// <inheritdoc/>
    public sealed override byte[] Respond(ReadOnlySpan<byte> challenge)
    {
        if (_sent)
        {
            return RespondAfterMessage(challenge);
        }

        // RFC 4422 section 5: without an initial response the server must first send an empty challenge; anything
        // else means the two sides disagree about the mechanism.
        if (!challenge.IsEmpty)
        {
            throw new AuthenticationException(
                $"The server's first {Name} challenge is not empty, but {Name} is client-first and expects an empty one.");
        }

        return Send();
    }

    /// <summary>Builds the client's message; called once.</summary>
    protected abstract byte[] CreateMessage();

    /// <summary>Answers a challenge arriving after the client's message; by default such a challenge is a protocol error.</summary>
    /// <exception cref="InvalidOperationException">The mechanism expects no further challenge.</exception>
    protected virtual byte[] RespondAfterMessage(ReadOnlySpan<byte> challenge) =>
        throw new InvalidOperationException(
            $"The {Name} exchange is already complete; the server sent an unexpected further challenge.");

    private byte[] Send()
    {
        var message = CreateMessage();
        _sent = true;

        // The client has nothing more to say, and these mechanisms never authenticate the server.
        IsCompleted = true;
        return message;
    }
}
