"""The exercise figure, Qt-free: ``body`` (the segments, a pose, forward kinematics), ``ranges`` (the AAOS normal
joint ranges and the angles measured on a skeleton), ``description`` (what an exercise file says about its figure,
and mirroring), ``props`` (the shapes of the mat, chair, wall and machines) and ``motion`` (the pose at a moment of a
session, and whether the figure is moving). The painter lives in ``hipcoach/ui/figure/``; docs/figure.md is the
public API. The modules may import the standard library and the core (``model``, ``plan``), never PySide6, and each
other downwards (``motion`` → ``props`` → ``description`` → ``ranges`` → ``body``); this ``__init__`` imports
nothing, so ``core/model.py`` can name the figure without loading the plan.
"""
