using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.Localization;
using SanLing.Domain.Accounts;
using SanLing.Infrastructure.Data;
using SanLing.Infrastructure.Identity;
using SanLing.Web.Features.Api;
using SanLing.Web.Security;
using Serilog;

namespace SanLing.Web.Setup;

/// <summary>Everything the portal registers, in one place.</summary>
public static class SanLingServices
{
    public static readonly CultureInfo[] SupportedCultures = [new("zh-CN"), new("en")];

    public static WebApplicationBuilder AddSanLing(this WebApplicationBuilder builder, bool isCommand)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        builder.Host.UseSerilog((context, provider, logger) => logger
            .ReadFrom.Configuration(context.Configuration)
            .ReadFrom.Services(provider)
            .Enrich.FromLogContext());
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);

        services.AddSanLingData(configuration, builder.Environment.ContentRootPath);
        services.AddIdentity(configuration);
        services.AddTwoFactor(configuration, builder.Environment);
        services.AddScoped<AccessScope>(AccessScope.FromHttpContext);
        services.AddHttpContextAccessor();
        services.AddScoped<Microsoft.AspNetCore.Authentication.IClaimsTransformation, CountyReading>();
        services.AddSingleton<DemoAccounts>();
        services.AddSingleton<SetupGate>();
        services.AddSingleton<Features.Shared.PageCache>();
        // A finding's validator is built per inspection form (it needs the form's month and date), never from DI.
        services.AddValidatorsFromAssemblyContaining<Program>(
            includeInternalTypes: true,
            filter: scanned => scanned.ValidatorType != typeof(Features.Inspections.FindingFormValidator));
        services.AddFeatureServices();
        Infrastructure.Notifications.MessageSenderSetup.AddMessageSenders(services, configuration, background: !isCommand);

        if (isCommand)
        {
            return builder;
        }

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        // Chinese text as text, not as &#x...; escapes (HTML-special characters are still encoded).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = SupportedCultures;
            o.SupportedUICultures = SupportedCultures;
            // Only the explicit choice (cookie) switches language; browsers here often say en-US.
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });

        services.AddControllersWithViews(o =>
            {
                o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                o.Filters.Add(new PasswordChangeGate());
                o.Filters.Add(new SecurityEventLogging.AntiforgeryFailures());
                o.Filters.Add(new TwoFactorEnrolmentGate());
                o.Filters.Add(new CountyReadOnlyFilter());
                o.Filters.Add(new CountyNeedsTownFilter());
                // Required fields are the validators' business (with Chinese messages), not an implicit English [Required].
                o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            })
            .AddViewLocalization()
            .AddRazorOptions(o =>
            {
                // Feature folders: a feature's controller, forms, validators and views sit together.
                o.ViewLocationFormats.Clear();
                o.ViewLocationFormats.Add("/Features/{1}/{0}" + RazorViewEngine.ViewExtension);
                o.ViewLocationFormats.Add("/Features/Shared/{0}" + RazorViewEngine.ViewExtension);
            });

        services.AddOptions<MvcOptions>().Configure<IStringLocalizerFactory>((o, localizers) =>
            ModelBindingMessages.Localise(o.ModelBindingMessageProvider, localizers.Create(typeof(SharedResource))));
        // A field's checks stop at its first failure: a missing or overlong value never reaches a database rule.
        ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;

        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = SecureCookies(configuration) ? "__Host-SanLing.Antiforgery" : "SanLing.Antiforgery";
            o.Cookie.SecurePolicy = SecureCookies(configuration) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });

        services.AddSanLingApi(configuration);
        // The API's JSON keeps Chinese labels readable (it is never written into HTML).
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder =
            System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All));

        services.AddHealthChecks().AddDbContextCheck<SanLingDbContext>("database", tags: ["ready"]);

        services.AddSingleton<Features.Account.LoginThrottle>();
        // The current year's as-of run (预评), stored nightly; pages read it rather than judging the town per request.
        services.AddSingleton(sp => new Infrastructure.Evaluation.AsOfRefreshJob(sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<Infrastructure.Evaluation.AsOfRefreshJob>>(),
            configuration.GetValue("Evaluation:RefreshAsOfOnStart", true)));
        services.AddHostedService(sp => sp.GetRequiredService<Infrastructure.Evaluation.AsOfRefreshJob>());
        // Checked now, so a mistyped proxy list stops the start rather than silently trusting nobody (or everybody).
        TrustedProxies.Read(configuration);

        return builder;
    }

    /// <summary>On a TLS deployment (Security:HttpsOnly) cookies get the __Host- prefix and Secure flag; plain-HTTP intranets still work.</summary>
    public static bool SecureCookies(IConfiguration configuration) => configuration.GetValue("Security:HttpsOnly", false);

    private static void AddIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIdentity<AppUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 5;
                o.Lockout.AllowedForNewUsers = true;
                // Each further lock-out in a row lasts longer: SanLingSignInManager applies SignInRules.
                o.Lockout.MaxFailedAccessAttempts = SignInRules.FailedAttemptsBeforeLockout;
                o.Lockout.DefaultLockoutTimeSpan = SignInRules.FirstLockout;
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
            })
            .AddEntityFrameworkStores<SanLingDbContext>()
            .AddSignInManager<SanLingSignInManager>()
            .AddUserStore<ProtectedTokenUserStore>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<SanLingClaimsFactory>()
            .AddErrorDescriber<ChineseIdentityErrorDescriber>()
            .AddPasswordValidator<CommonPasswordValidator>();

        // Every request needs an open server-side session (SessionLimits); the claims themselves are rebuilt once a
        // minute, keeping the session the cookie belongs to.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            o.OnRefreshingPrincipal = SessionLimits.KeepSession;
        });

        services.ConfigureApplicationCookie(o =>
        {
            var secure = SecureCookies(configuration);
            o.Cookie.Name = secure ? "__Host-SanLing.Auth" : "SanLing.Auth";
            o.Cookie.SecurePolicy = secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.Path = "/";
            o.ExpireTimeSpan = SessionLimits.Idle;
            o.SlidingExpiration = true;
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            // A plain 403 (rendered by the Chinese error page), not a redirect: scripts and tests see the truth.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                SecurityEventLogging.LogForbidden(context.HttpContext);
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
            o.Events.OnValidatePrincipal = SessionLimits.ValidateAsync;
        });

        services.AddAuthorization(o =>
        {
            // Every endpoint needs a signed-in user unless it says [AllowAnonymous] (login, health, errors).
            o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });
    }

    public static void UseSanLing(this WebApplication app)
    {
        // First, so that everything after sees the client's address (and scheme) as a trusted proxy reported it.
        app.UseTrustedProxies();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
        }
        if (SecureCookies(app.Configuration))
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseSecurityHeaders();
        app.UseStatusCodePagesWithReExecute("/Error/{0}");
        app.UseStaticFiles();
        app.UseSerilogRequestLogging();
        // Inside the request log, so that it logs a client's disconnect as the 499 it is.
        app.UseClientDisconnects();
        app.UseRequestLocalization();
        app.UseDatabaseOutagePage();
        app.UseSetupRedirect();
        app.UseApiStatusCodes();
        app.UseRouting();
        app.UseAuthentication();
        app.UseCurrentActor();
        app.UseAuthorization();
        // The API: the token's town for the request and the call log, then the per-token rate limit (so a 429 is logged too).
        app.UseApiCallContext();
        app.UseRateLimiter();

        app.MapHealthChecks("/healthz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") })
            .AllowAnonymous();
        app.MapHealthChecks("/healthz/live", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false })
            .AllowAnonymous();
        app.MapSanLingApi();
        app.MapControllerRoute("default", "{controller=Home}/{action=Index}/{id?}");
        app.LogWhereItListens();
        app.WarnIfTwoFactorExempt();
    }

    /// <summary>
    /// Feature-local classes named <c>*Queries</c>, <c>*Commands</c> or <c>*Service</c> under <c>Features/</c> are
    /// registered per request by convention, so a new feature adds classes, not registrations.
    /// </summary>
    private static void AddFeatureServices(this IServiceCollection services)
    {
        var featureTypes = typeof(SanLingServices).Assembly.GetTypes().Where(t =>
            t is { IsClass: true, IsAbstract: false, IsNested: false }
            && t.Namespace?.StartsWith("SanLing.Web.Features", StringComparison.Ordinal) == true
            && (t.Name.EndsWith("Queries", StringComparison.Ordinal) || t.Name.EndsWith("Commands", StringComparison.Ordinal) || t.Name.EndsWith("Service", StringComparison.Ordinal)));
        foreach (var type in featureTypes)
        {
            services.AddScoped(type);
        }
    }
}
