/**
 * The UI shell: main layout with a role-dependent menu, language switch, the generic form renderer and shared
 * components. Never imports a feature; features' views live in their own {@code ui} sub-packages and use the shell.
 */
package hk.carerelay.ui;
