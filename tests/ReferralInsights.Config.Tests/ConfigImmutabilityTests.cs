using System.Reflection;
using System.Runtime.CompilerServices;
using ReferralInsights.Config;

namespace ReferralInsights.Config.Tests;

/// <summary>A loaded configuration is a value: its options are set when it is read and changed only by copying
/// (<c>config with { Rewards = candidate }</c>, as <c>simulate</c> and <c>bench</c> do), so no command can change the
/// configuration another part of the run reads.</summary>
public class ConfigImmutabilityTests
{
    private static IEnumerable<Type> OptionTypes(Type root, HashSet<Type>? seen = null)
    {
        seen ??= [];
        if (!seen.Add(root)) yield break;
        yield return root;
        foreach (var property in root.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var type = property.PropertyType;
            var element = type.IsGenericType ? type.GetGenericArguments().Last() : type;
            if (element.Namespace == typeof(PipelineConfig).Namespace && element.IsClass)
                foreach (var t in OptionTypes(element, seen)) yield return t;
        }
    }

    [Fact]
    public void EveryOptionOfPipelineConfig_IsInitOnly()
    {
        var types = OptionTypes(typeof(PipelineConfig)).ToList();
        Assert.Contains(typeof(RewardsOptions), types);
        Assert.Contains(typeof(TierOptions), types);
        var settable = types.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.SetMethod is { IsPublic: true } setter
                            && !setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)))
                .Select(p => $"{t.Name}.{p.Name}"))
            .ToList();
        Assert.Empty(settable);
    }

    [Fact]
    public void ACopyWithOtherRewards_LeavesTheLoadedConfigAsItWas()
    {
        var loaded = ConfigLoader.Parse("rewards:\n  assist_bonus: 100\n", "pipeline.yaml");
        var candidate = loaded with { Rewards = loaded.Rewards with { AssistBonus = 300 } };
        Assert.Equal(100, loaded.Rewards.AssistBonus);
        Assert.Equal(300, candidate.Rewards.AssistBonus);
        Assert.Same(loaded.Funnel, candidate.Funnel);
    }
}
