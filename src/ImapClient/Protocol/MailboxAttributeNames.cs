using System.Text;

namespace ImapClient.Protocol;

/// <summary>The wire names of the mailbox attributes, for the LIST parser and the CREATE (USE …) encoder.</summary>
internal static class MailboxAttributeNames
{
    public static readonly (MailboxAttributes Attribute, string Name)[] All =
    [
        (MailboxAttributes.NoInferiors, "\\Noinferiors"),
        (MailboxAttributes.NoSelect, "\\Noselect"),
        (MailboxAttributes.Marked, "\\Marked"),
        (MailboxAttributes.Unmarked, "\\Unmarked"),
        (MailboxAttributes.NonExistent, "\\NonExistent"),
        (MailboxAttributes.Subscribed, "\\Subscribed"),
        (MailboxAttributes.Remote, "\\Remote"),
        (MailboxAttributes.HasChildren, "\\HasChildren"),
        (MailboxAttributes.HasNoChildren, "\\HasNoChildren"),
        (MailboxAttributes.All, "\\All"),
        (MailboxAttributes.Archive, "\\Archive"),
        (MailboxAttributes.Drafts, "\\Drafts"),
        (MailboxAttributes.Flagged, "\\Flagged"),
        (MailboxAttributes.Junk, "\\Junk"),
        (MailboxAttributes.Sent, "\\Sent"),
        (MailboxAttributes.Trash, "\\Trash"),
        (MailboxAttributes.Important, "\\Important"),
    ];

    /// <summary>
    /// Maps an attribute atom (with its backslash) to a known attribute, case-insensitively (Cyrus sends
    /// <c>\drafts</c>), without allocating; <see cref="MailboxAttributes.None"/> when unknown.
    /// </summary>
    public static MailboxAttributes Parse(ReadOnlySpan<byte> atom)
    {
        if (atom.Length < 4 || atom[0] != (byte)'\\')
        {
            return MailboxAttributes.None;
        }

        foreach (var (attribute, name) in All)
        {
            if (name.Length == atom.Length && Ascii.EqualsIgnoreCase(atom, name))
            {
                return attribute;
            }
        }

        return MailboxAttributes.None;
    }
}
