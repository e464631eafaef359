using System.Text;
using ImapClient.Protocol;

namespace ImapClient.Tests.Mailboxes;

/// <summary>Mailbox names reused from what this thread decoded lately, decoded the same as without it.</summary>
public class RecentMailboxNamesTests
{
    [Test]
    public void A_name_seen_again_is_the_same_string_and_equals_a_fresh_decoding()
    {
        var names = RecentMailboxNames.ForCurrentThread(utf8: false);
        var first = names.Get("Archive/2026"u8);
        var again = names.Get(Encoding.ASCII.GetBytes("Archive/2026"));

        Assert.That(again, Is.SameAs(first));
        Assert.That(first, Is.EqualTo(MailboxName.FromWire("Archive/2026", utf8: false)));
    }

    [Test]
    public void An_encoded_name_is_decoded_under_modified_UTF7_and_kept_as_sent_under_UTF8()
    {
        const string Wire = "Entw&APw-rfe";
        var utf7 = RecentMailboxNames.ForCurrentThread(utf8: false).Get(Encoding.ASCII.GetBytes(Wire));
        var utf8 = RecentMailboxNames.ForCurrentThread(utf8: true).Get(Encoding.ASCII.GetBytes(Wire));

        // Asked again the other way round: each way of writing names keeps its own.
        Assert.That(RecentMailboxNames.ForCurrentThread(utf8: false).Get(Encoding.ASCII.GetBytes(Wire)), Is.EqualTo("Entwürfe"));
        Assert.That((utf7, utf8), Is.EqualTo(("Entwürfe", Wire)));
    }

    [Test]
    public void More_names_than_it_keeps_are_still_decoded_right_and_repeat_names_still_match()
    {
        var names = RecentMailboxNames.ForCurrentThread(utf8: false);
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 20_000; i++)
            {
                var wire = i % 3 == 0 ? $"Box{i}&AOQ-" : $"Box{i}";
                Assert.That(names.Get(Encoding.ASCII.GetBytes(wire)), Is.EqualTo(MailboxName.FromWire(wire, utf8: false)), wire);
            }
        }
    }

    [Test]
    public void Names_listed_again_in_another_order_or_with_new_ones_between_are_the_same_strings()
    {
        var names = RecentMailboxNames.ForCurrentThread(utf8: false);
        string[] wires = ["Order/A", "Order/B", "Order/&AOQ-", "Order/D", "Order/E"];
        var first = wires.Select(w => names.Get(Encoding.ASCII.GetBytes(w))).ToArray();

        string[] again = ["Order/E", "Order/A", "Order/New", "Order/B", "Order/&AOQ-", "Order/D", "Order/A"];
        var second = again.Select(w => names.Get(Encoding.ASCII.GetBytes(w))).ToArray();

        Assert.That(second, Is.EqualTo(again.Select(w => MailboxName.FromWire(w, utf8: false))));
        Assert.That(second[0], Is.SameAs(first[4]));
        Assert.That(second[1], Is.SameAs(first[0]));
        Assert.That(second[3], Is.SameAs(first[1]));
        Assert.That(second[4], Is.SameAs(first[2]));
        Assert.That(second[5], Is.SameAs(first[3]));
        Assert.That(second[6], Is.SameAs(first[0]));
    }

    [Test]
    public void A_prefix_or_an_extension_of_the_expected_next_name_is_not_taken_for_it()
    {
        var names = RecentMailboxNames.ForCurrentThread(utf8: false);
        names.Get("Prefix/Start"u8);
        names.Get("Prefix/Box"u8);

        names.Get("Prefix/Start"u8);
        Assert.That(names.Get("Prefix/Bo"u8), Is.EqualTo("Prefix/Bo"));
        names.Get("Prefix/Start"u8);
        Assert.That(names.Get("Prefix/Boxes"u8), Is.EqualTo("Prefix/Boxes"));
    }
}

