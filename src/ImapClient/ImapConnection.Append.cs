using ImapClient.Commands;
using MimeKit;
using MimeKit.IO;

namespace ImapClient;

/// <summary>Adding messages to a mailbox.</summary>
public sealed partial class ImapConnection
{
    /// <summary>Appends a message (APPEND), written by MimeKit straight into the connection with CRLF line endings.</summary>
    /// <param name="mailbox">The target mailbox.</param>
    /// <param name="message">The message.</param>
    /// <param name="flags">Flags to set on it, or null.</param>
    /// <param name="internalDate">Its INTERNALDATE, or null for the server's clock.</param>
    /// <param name="cancellationToken">Cancels waiting; once the message is being sent it is sent to the end.</param>
    /// <returns>The UID the server gave it, when it says (UIDPLUS).</returns>
    /// <exception cref="ImapCommandException">The server refused (e.g. <c>[TRYCREATE]</c> when the mailbox does not exist).</exception>
    /// <exception cref="ArgumentException">
    /// The mailbox name is empty or holds control characters, or a keyword is not a valid atom; nothing is sent.
    /// </exception>
    public async Task<AppendResult> AppendAsync(
        string mailbox, MimeMessage message, MessageFlags? flags = null, DateTimeOffset? internalDate = null, CancellationToken cancellationToken = default)
    {
        Protocol.MailboxName.Validate(mailbox, nameof(mailbox));
        ArgumentNullException.ThrowIfNull(message);
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;

        // The literal's length must be known before its first byte: measure by writing to a counter, not a buffer.
        using var counter = new MeasuringStream();
        await message.WriteToAsync(format, counter, cancellationToken).ConfigureAwait(false);
        var command = new AppendCommand(mailbox, flags, internalDate, counter.Length,
            (destination, ct) => message.WriteToAsync(format, destination, ct));
        return await _session.ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Appends a message read from a seekable stream, from its current position to its end.</summary>
    /// <param name="mailbox">The target mailbox.</param>
    /// <param name="content">The RFC 5322 message, with CRLF line endings.</param>
    /// <param name="flags">Flags to set on it, or null.</param>
    /// <param name="internalDate">Its INTERNALDATE, or null for the server's clock.</param>
    /// <param name="cancellationToken">Cancels waiting; once the message is being sent it is sent to the end.</param>
    /// <returns>The UID the server gave it, when it says (UIDPLUS).</returns>
    /// <exception cref="ArgumentException">The stream cannot seek: use the overload that takes the length.</exception>
    public Task<AppendResult> AppendAsync(
        string mailbox, Stream content, MessageFlags? flags = null, DateTimeOffset? internalDate = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!content.CanSeek)
        {
            throw new ArgumentException("The stream cannot seek, so its length is unknown: pass the length explicitly.", nameof(content));
        }

        return AppendAsync(mailbox, content, content.Length - content.Position, flags, internalDate, cancellationToken);
    }

    /// <summary>Appends exactly <paramref name="length"/> bytes read from a stream.</summary>
    /// <param name="mailbox">The target mailbox.</param>
    /// <param name="content">The RFC 5322 message, with CRLF line endings.</param>
    /// <param name="length">How many bytes to read from it and send.</param>
    /// <param name="flags">Flags to set on it, or null.</param>
    /// <param name="internalDate">Its INTERNALDATE, or null for the server's clock.</param>
    /// <param name="cancellationToken">Cancels waiting; once the message is being sent it is sent to the end.</param>
    /// <returns>The UID the server gave it, when it says (UIDPLUS).</returns>
    /// <exception cref="ImapConnectionException">The stream ended before <paramref name="length"/> bytes; the connection is closed, since the server still expects them.</exception>
    /// <exception cref="ArgumentException">
    /// The mailbox name is empty or holds control characters, or a keyword is not a valid atom; nothing is sent.
    /// </exception>
    public async Task<AppendResult> AppendAsync(
        string mailbox, Stream content, long length, MessageFlags? flags = null, DateTimeOffset? internalDate = null, CancellationToken cancellationToken = default)
    {
        Protocol.MailboxName.Validate(mailbox, nameof(mailbox));
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var command = new AppendCommand(mailbox, flags, internalDate, length, (destination, ct) => CopyExactlyAsync(content, destination, length, ct));
        return await _session.ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private static async Task CopyExactlyAsync(Stream source, Stream destination, long length, CancellationToken cancellationToken)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            var remaining = length;
            while (remaining > 0)
            {
                var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new EndOfStreamException($"The message stream ended {remaining} bytes short of the {length} announced.");
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                remaining -= read;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
