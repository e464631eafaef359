using System.Buffers.Binary;

namespace ImapClient.Protocol;

/// <summary>
/// A tag of up to 8 ASCII bytes packed into a number. The reader matches a completion to its command by this key, so
/// the completion can carry the command's own tag string instead of a new one, and without a second look at the
/// table of commands in flight.
/// </summary>
internal static class TagKey
{
    /// <summary>Packs the tag; false (and 0) when it is empty or longer than 8 bytes.</summary>
    public static bool TryPack(ReadOnlySpan<byte> tag, out ulong key)
    {
        if (tag.IsEmpty || tag.Length > sizeof(ulong))
        {
            key = 0;
            return false;
        }

        Span<byte> padded = stackalloc byte[sizeof(ulong)];
        padded.Clear();
        tag.CopyTo(padded);
        key = BinaryPrimitives.ReadUInt64LittleEndian(padded);
        return true;
    }

    /// <summary>Packs a tag we made (ASCII); 0 when it does not fit.</summary>
    public static ulong Pack(string tag)
    {
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        return tag.Length <= sizeof(ulong) && System.Text.Ascii.FromUtf16(tag, bytes, out var written) == System.Buffers.OperationStatus.Done
            && TryPack(bytes[..written], out var key) ? key : 0;
    }

    /// <summary>The tag a key was packed from.</summary>
    public static string Unpack(ulong key)
    {
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, key);
        var length = bytes.IndexOf((byte)0);
        return System.Text.Encoding.ASCII.GetString(length < 0 ? bytes : bytes[..length]);
    }
}
